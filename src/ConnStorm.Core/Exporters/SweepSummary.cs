using System.Globalization;
using System.Text;
using ConnStorm.Verdicts;

namespace ConnStorm.Exporters;

/// <summary>A sweep's summary.md: the verdict table first, then one line per run, churn, the plots, the machine and the notes.</summary>
public static class SweepSummary
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Render(SweepFacts sweep, IReadOnlyList<PlotFile> plots)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(plots);
        var md = new StringBuilder();
        md.AppendLine(Inv, $"# ConnStorm: {sweep.Name}");
        md.AppendLine();
        if (!string.IsNullOrWhiteSpace(sweep.Description))
        {
            md.AppendLine(sweep.Description.Trim());
            md.AppendLine();
        }
        md.AppendLine(sweep.MeasuredLine);
        md.AppendLine();
        md.AppendLine("## Verdicts");
        md.AppendLine();
        md.AppendLine(VerdictTable.ToMarkdown(sweep.Verdicts));
        md.AppendLine();
        md.AppendLine("## Runs");
        md.AppendLine();
        md.AppendLine(RunsExplained);
        md.AppendLine();
        md.AppendLine("| " + string.Join(" | ", RunText.RunHeaders) + " |");
        md.AppendLine("|" + string.Concat(RunText.RunNumeric.Select(n => n ? "---:|" : "---|")));
        foreach (var row in sweep.Rows)
        {
            var cells = RunText.RunCells(row).ToArray();
            cells[0] = $"[{cells[0]}]({row.RunDir}/summary.md)";
            md.AppendLine("| " + string.Join(" | ", cells) + " |");
        }
        md.AppendLine();
        var hosts = new StringBuilder();
        RunSummary.AppendHosts(hosts, sweep.Hosts, withRun: true);
        md.Append(hosts);
        if (sweep.Churns.Count > 0)
        {
            md.AppendLine("## Churn");
            md.AppendLine();
            foreach (var row in sweep.Churns)
            {
                md.AppendLine("- " + SweepFacts.ChurnLine(row));
            }
            md.AppendLine();
        }
        if (plots.Count > 0)
        {
            md.AppendLine("## Plots");
            md.AppendLine();
            foreach (var p in plots)
            {
                md.AppendLine(Inv, $"![{p.Name}]({p.Image})");
                md.AppendLine();
            }
        }
        md.AppendLine("## Environment");
        md.AppendLine();
        foreach (var line in sweep.Environment)
        {
            md.AppendLine("- " + line);
        }
        md.AppendLine();
        if (sweep.Notes.Count > 0)
        {
            md.AppendLine("## Notes");
            md.AppendLine();
            foreach (string n in sweep.Notes)
            {
                md.AppendLine("- " + n);
            }
            md.AppendLine();
        }
        md.AppendLine("## Files");
        md.AppendLine();
        md.AppendLine("- `runs.csv`: one row per run; `manifest.json`: machine, resolved scenario; `runs/<id>/`: each run's timeline, failures, connections, latency histograms (latency.hlog), manifest and summary; `report.html`: this summary as a web page, with the plots");
        return md.ToString();
    }

    public const string RunsExplained = "Held: most connections open at once. Rule: what the kernel's port rules allow for that run (`connections: auto` aims a little past it, so each run ends at its real first failure).";
}
