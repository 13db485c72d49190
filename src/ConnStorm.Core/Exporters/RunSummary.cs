using System.Globalization;
using System.Text;
using ConnStorm.Results;

namespace ConnStorm.Exporters;

/// <summary>One run's summary.md, written for someone who did not run the experiment.</summary>
public static class RunSummary
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>What each file of a run's folder holds, for the file list.</summary>
    private static readonly Dictionary<string, string> FileDescriptions = new(StringComparer.Ordinal)
    {
        [ResultFiles.Summary] = "this summary",
        [ResultFiles.Report] = "this summary as a web page, with the plots",
        [ResultFiles.Manifest] = "tool version, machine, kernel, sysctls, RLIMIT_NOFILE and the resolved scenario",
        [ResultFiles.Runs] = "one row per run: limits reached, first failure, latency percentiles",
        [ResultFiles.Timeline] = "per interval: connections open, new, failures by errno",
        [ResultFiles.Failures] = "one row per failure event (time, open count, endpoints, phase, errno)",
        [ResultFiles.Connections] = "one row per established connection (endpoints, connect latency)",
        [ResultFiles.LatencyLog] = "connect latency histograms (HdrHistogram log, one per worker, tagged worker-<i>), exact to merge",
        [ResultFiles.Hosts] = "a cluster run's hosts: status, attempts, held, failures, clock offset, round trip",
        [ResultFiles.Cluster] = "a cluster run's fleet and, per run, each host's outcome",
    };

    /// <summary>The markdown text; the files of the run's folder, as they are now, are listed under "Files".</summary>
    public static string Render(RunFacts run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var sb = new StringBuilder();
        sb.Append(Inv, $"# ConnStorm run: {run.ScenarioName}\n\n");
        if (!string.IsNullOrWhiteSpace(run.Description))
        {
            sb.Append(run.Description.Trim()).Append("\n\n");
        }
        sb.Append("| | |\n|---|---|\n");
        foreach (var (label, value) in RunText.Facts(run))
        {
            sb.Append(Inv, $"| {label} | {value} |\n");
        }
        sb.Append('\n');
        AppendHosts(sb, run.Hosts);

        sb.Append("## Failures by errno\n\n");
        var failures = RunText.FailuresByErrno(run.Failures);
        if (failures.Count == 0)
        {
            sb.Append("None.\n\n");
        }
        else
        {
            sb.Append("| errno | count | meaning |\n|---|---:|---|\n");
            foreach (var (errno, count, meaning) in failures)
            {
                sb.Append(Inv, $"| {errno} | {count} | {meaning} |\n");
            }
            sb.Append('\n');
        }

        AppendLines(sb, "Limits of this host", RunText.Limits(run));
        AppendLines(sb, "Kernel memory", RunText.KernelMemoryLines(run.Row));

        sb.Append("## Connect latency\n\n").Append(RunText.Latency(run.Row) ?? "No connection was established.").Append("\n\n");
        if (RunText.LatencySplit(run.Row) is { } split)
        {
            sb.Append(split).Append("\n\n");
        }

        sb.Append("## Environment\n\n");
        foreach (var line in RunText.Environment(run))
        {
            sb.Append("- ").Append(line).Append('\n');
        }
        sb.Append('\n');

        if (run.Manifest.Notes.Count > 0)
        {
            sb.Append("## Notes\n\n");
            foreach (var note in run.Manifest.Notes)
            {
                sb.Append("- ").Append(note).Append('\n');
            }
            sb.Append('\n');
        }
        AppendFiles(sb, run.Dir);
        return sb.ToString();
    }

    private static void AppendLines(StringBuilder sb, string title, IReadOnlyList<string> lines)
    {
        if (lines.Count == 0)
        {
            return;
        }
        sb.Append("## ").Append(title).Append("\n\n");
        foreach (var line in lines)
        {
            sb.Append("- ").Append(line).Append('\n');
        }
        sb.Append('\n');
    }

    /// <summary>A cluster run's hosts table (nothing for a run on one host).</summary>
    internal static void AppendHosts(StringBuilder sb, IReadOnlyList<HostRow> hosts, bool withRun = false)
    {
        if (hosts.Count == 0)
        {
            return;
        }
        sb.Append("## Hosts\n\n");
        var headers = withRun ? ["run", .. ClusterText.HostHeaders] : ClusterText.HostHeaders;
        var numeric = withRun ? [true, .. ClusterText.HostNumeric] : ClusterText.HostNumeric;
        sb.Append("| ").Append(string.Join(" | ", headers)).Append(" |\n|").Append(string.Concat(numeric.Select(n => n ? "---:|" : "---|"))).Append('\n');
        foreach (var host in hosts)
        {
            var cells = ClusterText.HostCells(host);
            sb.Append("| ").Append(string.Join(" | ", withRun ? [host.Run.ToString(Inv), .. cells] : cells)).Append(" |\n");
        }
        sb.Append('\n');
    }

    private static void AppendFiles(StringBuilder sb, string directory)
    {
        sb.Append("## Files\n\n");
        var names = new SortedSet<string>(StringComparer.Ordinal) { ResultFiles.Summary };
        if (Directory.Exists(directory))
        {
            foreach (var file in Directory.EnumerateFiles(directory))
            {
                var name = Path.GetFileName(file);
                if (!name.EndsWith(".tmp", StringComparison.Ordinal))
                {
                    names.Add(name);
                }
            }
        }
        foreach (var name in names)
        {
            var what = FileDescriptions.GetValueOrDefault(name);
            sb.Append("- `").Append(name).Append('`').Append(what is null ? "" : ": " + what).Append('\n');
        }
        if (Directory.Exists(Path.Combine(directory, ResultFiles.HostsDir)))
        {
            sb.Append("- `").Append(ResultFiles.HostsDir).Append("/<name>/`: each host's own results of this run, on its own clock, as it handed them over\n");
        }
    }
}
