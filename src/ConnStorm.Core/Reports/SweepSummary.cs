using System.Globalization;
using System.Text;
using ConnStorm.Results.Reductions;
using ConnStorm.Results;
using ConnStorm.Running;
using ConnStorm.Scenarios;
using ConnStorm.Verdicts;

namespace ConnStorm.Reports;

/// <summary>
/// A sweep's summary.md: the verdict table first (computed from the rows just measured),
/// then one line per run, the plots, the machine and the notes.
/// </summary>
public static class SweepSummary
{
    public static void Write(string dir, Scenario scenario, IReadOnlyList<RunResult> results,
        IReadOnlyList<Verdict> verdicts, IReadOnlyList<string> plots, bool interrupted)
    {
        var inv = CultureInfo.InvariantCulture;
        var first = results[0].Manifest;
        var md = new StringBuilder();
        md.AppendLine(inv, $"# ConnStorm: {scenario.Name}");
        md.AppendLine();
        if (!string.IsNullOrWhiteSpace(scenario.Description))
        {
            md.AppendLine(scenario.Description.Trim());
            md.AppendLine();
        }
        md.AppendLine(inv, $"Measured on Linux {first.KernelRelease} ({first.Hostname}, {first.Cores} cores), {results.Count} run(s), each in its own network namespace{(interrupted ? "; **interrupted**: runs after the last one listed were not made" : "")}.");
        md.AppendLine();
        md.AppendLine("## Verdicts");
        md.AppendLine();
        md.AppendLine(VerdictTable.ToMarkdown(verdicts));
        md.AppendLine();
        md.AppendLine("## Runs");
        md.AppendLine();
        md.AppendLine("Held: most connections open at once. Rule: what the kernel's port rules allow for that run (`connections: auto` aims a little past it, so each run ends at its real first failure).");
        md.AppendLine();
        md.AppendLine("| run | variant | port range | targets | source IPs | held | rule | first failure | seconds | workers |");
        md.AppendLine("|---:|---|---|---:|---:|---:|---:|---|---:|---:|");
        foreach (var row in results.Select(r => r.Row))
        {
            string range = row.PortRangeLo is { } lo ? $"{lo}-{row.PortRangeHi} ({row.PortRangeSize:N0})" : "?";
            string failure = row.FirstFailureErrno is { Length: > 0 } e ? $"{e} in {row.FirstFailurePhase} at {row.FirstFailureAt:N0} open" : "none";
            md.AppendLine(string.Create(inv,
                $"| [{row.Run}]({row.RunDir}/summary.md) | {row.Variant} | {range} | {row.Targets} | {row.SourceIps} | {row.MaxEstablished:N0} | {(row.PredictedLimit is { } p ? p.ToString("N0", inv) : "-")} | {failure} | {row.Seconds:0.###} | {row.Workers} |"));
        }
        md.AppendLine();
        var churns = results.Select(r => r.Row).Where(r => r.ChurnRatePerS is not null).ToList();
        if (churns.Count > 0)
        {
            md.AppendLine("## Churn");
            md.AppendLine();
            foreach (var row in churns)
            {
                md.AppendLine(inv, $"- run {row.Run} ({Labels.RunId(row)}): {SummaryWriter.ChurnSentence(row)}");
            }
            md.AppendLine();
        }
        if (plots.Count > 0)
        {
            md.AppendLine("## Plots");
            md.AppendLine();
            foreach (var p in plots)
            {
                md.AppendLine(inv, $"![{p}]({p}.png)");
                md.AppendLine();
            }
        }
        md.AppendLine("## Environment");
        md.AppendLine();
        md.AppendLine(inv, $"- Kernel {first.KernelRelease}, host {first.Hostname}, {first.Cores} cores, {(first.MemoryBytes ?? 0) / (1L << 30)} GiB");
        md.AppendLine(inv, $"- RLIMIT_NOFILE soft {first.RlimitNofile.Soft}, hard {first.RlimitNofile.Hard}; workers per run as in the table");
        md.AppendLine(inv, $"- ConnStorm {first.ToolVersion}; scenario file `{scenario.SourcePath}`");
        md.AppendLine();
        var notes = results.SelectMany(r => r.Manifest.Notes.Select(n => $"run {r.Row.Run}: {n}")).ToList();
        if (notes.Count > 0)
        {
            md.AppendLine("## Notes");
            md.AppendLine();
            foreach (string n in notes)
            {
                md.AppendLine(inv, $"- {n}");
            }
            md.AppendLine();
        }
        md.AppendLine("## Files");
        md.AppendLine();
        md.AppendLine("- `runs.csv`: one row per run; `manifest.json`: machine, resolved scenario; `runs/<id>/`: each run's timeline, failures, connections, manifest and summary");
        File.WriteAllText(Path.Combine(dir, SummaryWriter.FileName), md.ToString());
    }
}
