using System.Globalization;
using System.Text;
using ConnStorm.Probes;
using ConnStorm.Results;

namespace ConnStorm.Exporters;

/// <summary>probes.md: one table per probe a person can read, the plots, then the claims with their verdicts.</summary>
public sealed class ProbesReportExporter : FileExporter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public override string Name => "probes";

    protected override IEnumerable<(string Relative, string Text)> Files(ResultsModel results)
    {
        if (results.Kind != ResultsKind.Probes)
        {
            return [];
        }
        var doc = ProbesDocument.Read(results.PathOf(ResultFiles.Probes));
        return [(ResultFiles.ProbesReport, Render(doc, PlotFile.In(results)))];
    }

    public static string Render(ProbesDocument doc, IReadOnlyList<PlotFile> plots)
    {
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentNullException.ThrowIfNull(plots);
        var md = new StringBuilder();
        md.AppendLine("# ConnStorm probes");
        md.AppendLine();
        md.AppendLine(Intro(doc));
        md.AppendLine();
        foreach (var info in doc.Probes)
        {
            md.AppendLine(Inv, $"## {info.Name}");
            md.AppendLine();
            md.AppendLine(Inv, $"{info.Description} ({info.Seconds:0.0} s)");
            md.AppendLine();
            if (info.Error is not null)
            {
                md.AppendLine(Inv, $"**The probe could not finish:** {Cell(info.Error)}");
                md.AppendLine();
            }
            var cases = CasesOf(doc, info.Name);
            if (cases.Count == 0)
            {
                continue;
            }
            md.AppendLine("| case | inputs | outcome | figures |");
            md.AppendLine("|---|---|---|---|");
            foreach (var c in cases)
            {
                string outcome = c.Outcome == ProbeCase.Error ? $"**{c.Errno}**" : c.Outcome;
                md.AppendLine(Inv, $"| {Cell(c.Case)} | {Cell(Inputs(c))} | {outcome} | {Cell(Figures(c))} |");
            }
            md.AppendLine();
        }
        foreach (var plot in plots)
        {
            md.AppendLine(Inv, $"![{plot.Name}]({plot.Image})");
            md.AppendLine();
        }
        md.AppendLine("## Claims");
        md.AppendLine();
        md.AppendLine(ClaimsExplained);
        md.AppendLine();
        md.AppendLine("| claim | verdict | evidence | cases |");
        md.AppendLine("|---|---|---|---|");
        foreach (var claim in doc.Claims)
        {
            md.AppendLine(Inv, $"| {Cell(claim.Claim)} | **{Cell(claim.Verdict)}** | {Cell(claim.Evidence)} | {Cell(CaseList(claim.Cases))} |");
        }
        return md.ToString();
    }

    public const string ClaimsExplained = "Each verdict comes from this run's own cases, named in the last column: every case that decides it.";

    /// <summary>
    /// A claim's cases as the table shows them: "probe/case, …", or, for a long list, each probe
    /// named once ("bind-matrix: a, b, …"), so a claim decided by a hundred cells still lists them all.
    /// </summary>
    public static string CaseList(IReadOnlyList<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count <= 8)
        {
            return string.Join(", ", ids);
        }
        return string.Join("; ", ids
            .Select(id => id.IndexOf('/', StringComparison.Ordinal) is var slash and > 0 ? (Probe: id[..slash], Case: id[(slash + 1)..]) : (Probe: "", Case: id))
            .GroupBy(p => p.Probe, StringComparer.Ordinal)
            .Select(g => $"{(g.Key.Length > 0 ? g.Key + ": " : "")}{g.Count()} cases: {string.Join(", ", g.Select(p => p.Case))}"));
    }

    /// <summary>"What Linux 6.8 did (host, each probe in a network namespace of its own), 2026-…Z. …"</summary>
    public static string Intro(ProbesDocument doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        return string.Create(Inv, $"What Linux {doc.KernelRelease} did ({doc.Hostname}, {(doc.Where == "vm" ? "inside a micro-VM" : "each probe in a network namespace of its own")}), {doc.StartedUtc:yyyy-MM-dd HH:mm:ss}Z. Every outcome below is what the kernel returned.");
    }

    public static IReadOnlyList<ProbeCase> CasesOf(ProbesDocument doc, string probe)
    {
        ArgumentNullException.ThrowIfNull(doc);
        return [.. doc.Cases.Where(c => c.Probe == probe)];
    }

    public static string Inputs(ProbeCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return string.Join(", ", c.Inputs.Select(kv => $"{kv.Key}={kv.Value}"));
    }

    /// <summary>The case's numbers as name=value, then its first values (at most 12).</summary>
    public static string Figures(ProbeCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        string figures = string.Join(", ", c.Numbers.Select(kv => string.Create(Inv, $"{kv.Key}={kv.Value:0.###}")));
        if (c.Values is { Count: > 0 } values)
        {
            figures += (figures.Length > 0 ? "; " : "") + $"first values: {string.Join(' ', values.Take(12))}{(values.Count > 12 ? " …" : "")}";
        }
        return figures;
    }

    private static string Cell(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
