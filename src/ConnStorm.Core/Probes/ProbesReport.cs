using System.Globalization;
using System.Text;

namespace ConnStorm.Probes;

/// <summary>probes.md: one table per probe a person can read, then the claims with their verdicts.</summary>
public static class ProbesReport
{
    public const string FileName = "probes.md";

    public static void Write(string path, ProbesDocument doc, IReadOnlyList<string> plots)
    {
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine("# ConnStorm probes");
        md.AppendLine();
        md.AppendLine(inv, $"What Linux {doc.KernelRelease} did ({doc.Hostname}, {(doc.Where == "vm" ? "inside a micro-VM" : "each probe in a network namespace of its own")}), {doc.StartedUtc:yyyy-MM-dd HH:mm:ss}Z. Every outcome below is what the kernel returned.");
        md.AppendLine();
        foreach (var info in doc.Probes)
        {
            md.AppendLine(inv, $"## {info.Name}");
            md.AppendLine();
            md.AppendLine(inv, $"{info.Description} ({info.Seconds:0.0} s)");
            md.AppendLine();
            if (info.Error is not null)
            {
                md.AppendLine(inv, $"**The probe could not finish:** {Cell(info.Error)}");
                md.AppendLine();
            }
            var cases = doc.Cases.Where(c => c.Probe == info.Name).ToList();
            if (cases.Count == 0)
            {
                continue;
            }
            md.AppendLine("| case | inputs | outcome | figures |");
            md.AppendLine("|---|---|---|---|");
            foreach (var c in cases)
            {
                string inputs = string.Join(", ", c.Inputs.Select(kv => $"{kv.Key}={kv.Value}"));
                string outcome = c.Outcome == ProbeCase.Error ? $"**{c.Errno}**" : c.Outcome;
                string figures = string.Join(", ", c.Numbers.Select(kv => string.Create(inv, $"{kv.Key}={kv.Value:0.###}")));
                if (c.Values is { Count: > 0 } values)
                {
                    figures += (figures.Length > 0 ? "; " : "") + $"first values: {string.Join(' ', values.Take(12))}{(values.Count > 12 ? " …" : "")}";
                }
                md.AppendLine(inv, $"| {Cell(c.Case)} | {Cell(inputs)} | {outcome} | {Cell(figures)} |");
            }
            md.AppendLine();
        }
        foreach (string plot in plots)
        {
            md.AppendLine(inv, $"![{plot}]({plot}.png)");
            md.AppendLine();
        }
        md.AppendLine("## Claims");
        md.AppendLine();
        md.AppendLine("Each verdict comes from this run's own cases, named in the last column.");
        md.AppendLine();
        md.AppendLine("| claim | verdict | evidence | cases |");
        md.AppendLine("|---|---|---|---|");
        foreach (var claim in doc.Claims)
        {
            md.AppendLine(inv, $"| {Cell(claim.Claim)} | **{Cell(claim.Verdict)}** | {Cell(claim.Evidence)} | {Cell(string.Join(", ", claim.Cases))} |");
        }
        File.WriteAllText(path, md.ToString());
    }

    private static string Cell(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
