using System.Globalization;
using ConnStorm.Results;

namespace ConnStorm.Exporters;

/// <summary>report.html's body for a runs folder: what summary.md says, as tables.</summary>
internal static class RunsHtml
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static HtmlPage Single(RunFacts run, IReadOnlyList<(string Name, string Svg)> plots)
    {
        var m = run.Manifest;
        var page = new HtmlPage($"ConnStorm run: {run.ScenarioName}")
            .Heading(1, $"ConnStorm run: {run.ScenarioName}")
            .Paragraph($"scenario {run.ScenarioName} · kernel {m.KernelRelease} · host {m.Hostname} · {m.StartedUtc.ToString("u", Inv)}", "meta");
        if (!string.IsNullOrWhiteSpace(run.Description))
        {
            page.Paragraph(run.Description.Trim());
        }
        page.Table([], RunText.Facts(run).Select(f => Row(HtmlPage.CellHtml("<b>" + HtmlPage.Encode(f.Label) + "</b>", "nowrap"), HtmlPage.Cell(f.Value.Replace("**", "", StringComparison.Ordinal)))));
        Hosts(page, run.Hosts, withRun: false);
        page.Heading(2, "Failures by errno");
        var failures = RunText.FailuresByErrno(run.Failures);
        if (failures.Count == 0)
        {
            page.Paragraph("None.");
        }
        else
        {
            page.Table(["errno", "count", "meaning"], failures.Select(f =>
                Row(HtmlPage.Cell(f.Errno, "nowrap"), HtmlPage.Cell(f.Count.ToString(Inv), "num"), HtmlPage.Cell(f.Meaning))));
        }
        foreach (var (title, lines) in new[] { ("Limits of this host", RunText.Limits(run)), ("Kernel memory", RunText.KernelMemoryLines(run.Row)) })
        {
            if (lines.Count > 0)
            {
                page.Heading(2, title).List(lines.Select(l => l.Replace("**", "", StringComparison.Ordinal)).ToList());
            }
        }
        page.Heading(2, "Connect latency").Paragraph(RunText.Latency(run.Row) ?? "No connection was established.");
        if (RunText.LatencySplit(run.Row) is { } split)
        {
            page.Paragraph(split);
        }
        page.Plots(plots);
        page.Heading(2, "Environment").List(RunText.Environment(run));
        return page.Notes(run.Manifest.Notes);
    }

    public static HtmlPage Sweep(SweepFacts sweep, IReadOnlyList<(string Name, string Svg)> plots)
    {
        var m = sweep.Manifest;
        var page = new HtmlPage($"ConnStorm: {sweep.Name}")
            .Heading(1, $"ConnStorm: {sweep.Name}")
            .Paragraph(string.Create(Inv, $"scenario {sweep.Name} · kernel {m.KernelRelease} · host {m.Hostname} ({m.Cores} cores) · {sweep.Rows.Count} run(s) · {m.StartedUtc.ToString("u", Inv)}"), "meta");
        if (sweep.Hosts.Count > 0)
        {
            page.Paragraph(sweep.MeasuredLine.Replace("**", "", StringComparison.Ordinal));
        }
        if (!string.IsNullOrWhiteSpace(sweep.Description))
        {
            page.Paragraph(sweep.Description.Trim());
        }
        if (m.Interrupted)
        {
            page.ParagraphHtml("<b>Interrupted</b>: runs after the last one listed were not made.");
        }
        page.Heading(2, "Verdicts");
        page.Table(["claim", "verdict", "measured", "runs"], sweep.Verdicts.Select(v => Row(
            HtmlPage.Cell(v.Claim),
            HtmlPage.Cell(v.OutcomeText, HtmlPage.VerdictClass(v.OutcomeText)),
            HtmlPage.Cell(v.Detail),
            HtmlPage.Cell(v.Runs.Count == 0 ? "none" : string.Join(", ", v.Runs.Select(r => r.ToString("N0", Inv)))))), "verdicts");
        page.Heading(2, "Runs").Paragraph(SweepSummary.RunsExplained.Replace("`", "", StringComparison.Ordinal));
        page.Table(RunText.RunHeaders, sweep.Rows.Select(row =>
        {
            var cells = RunText.RunCells(row);
            var html = cells.Select((c, i) => HtmlPage.Cell(c, RunText.RunNumeric[i] ? "num" : "nowrap")).ToArray();
            html[0] = HtmlPage.CellHtml($"<a href=\"{HtmlPage.Encode(row.RunDir + "/" + ResultFiles.Summary)}\">{HtmlPage.Encode(cells[0])}</a>", "num");
            return ((IReadOnlyList<string>)html, (string?)null);
        }));
        Hosts(page, sweep.Hosts, withRun: true);
        if (sweep.Churns.Count > 0)
        {
            page.Heading(2, "Churn").List(sweep.Churns.Select(SweepFacts.ChurnLine));
        }
        page.Plots(plots);
        page.Heading(2, "Environment").List(sweep.Environment.Select(l => l.Replace("`", "", StringComparison.Ordinal)));
        return page.Notes(sweep.Notes);
    }

    /// <summary>A cluster run's hosts table; a host that did not finish is marked.</summary>
    private static void Hosts(HtmlPage page, IReadOnlyList<HostRow> hosts, bool withRun)
    {
        if (hosts.Count == 0)
        {
            return;
        }
        IReadOnlyList<string> headers = withRun ? ["run", .. ClusterText.HostHeaders] : ClusterText.HostHeaders;
        page.Heading(2, "Hosts").Table(headers, hosts.Select(h =>
        {
            var cells = ClusterText.HostCells(h).Select((c, i) => HtmlPage.Cell(c, ClusterText.HostNumeric[i] ? "num" : "nowrap"));
            IReadOnlyList<string> html = withRun ? [HtmlPage.Cell(h.Run.ToString(Inv), "num"), .. cells] : [.. cells];
            return (html, h.IsMissing ? "missing" : (string?)null);
        }));
    }

    internal static (IReadOnlyList<string>, string?) Row(params string[] cells) => (cells, null);
}
