using System.Globalization;
using System.Text;
using ConnStorm.Sockets;

namespace ConnStorm.Results;

/// <summary>
/// summary.md: the file a person reads first, written for someone who did not run the experiment.
/// Write it last, so its file list includes everything else in the folder.
/// </summary>
public static class SummaryWriter
{
    public const string FileName = "summary.md";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>What each file of a results folder holds, for the file list.</summary>
    private static readonly Dictionary<string, string> FileDescriptions = new(StringComparer.Ordinal)
    {
        [FileName] = "this summary",
        [ManifestWriter.FileName] = "tool version, machine, kernel, sysctls, RLIMIT_NOFILE and the resolved scenario",
        [RunsCsv.FileName] = "one row per run: limits reached, first failure, latency percentiles",
        [RunRecorder.TimelineFile] = "per interval: connections open, new, failures by errno",
        [RunRecorder.FailuresFile] = "one row per failure event (time, open count, endpoints, phase, errno)",
        [RunRecorder.ConnectionsFile] = "one row per established connection (endpoints, connect latency)",
    };

    public static void Write(string path, SummaryInput input) => File.WriteAllText(path, Render(input, Path.GetDirectoryName(Path.GetFullPath(path))));

    /// <summary>The markdown text; <paramref name="directory"/> (if any) is listed under "Files".</summary>
    public static string Render(SummaryInput input, string? directory)
    {
        var run = input.Run;
        var stats = input.Stats;
        var sb = new StringBuilder();

        sb.Append(Inv, $"# ConnStorm run: {input.ScenarioName}\n\n");
        if (!string.IsNullOrWhiteSpace(input.Description))
        {
            sb.Append(input.Description.Trim()).Append("\n\n");
        }

        sb.Append("| | |\n|---|---|\n");
        sb.Append(Inv, $"| Held at most | {run.MaxEstablished} connections open at once |\n");
        sb.Append(Inv, $"| Attempted | {run.Attempted} |\n");
        sb.Append(Inv, $"| Established | {stats.Established} |\n");
        sb.Append(Inv, $"| Failures | {run.Failures} |\n");
        sb.Append(Inv, $"| Where it stopped | {StopSentence(input)} |\n");
        sb.Append(Inv, $"| Duration | {run.Seconds.ToString("0.###", Inv)} s (first attempt to last connect outcome) |\n");
        if (ChurnSentence(run) is { } churn)
        {
            sb.Append(Inv, $"| Churn | {churn} |\n");
        }
        if (run.FdCapped)
        {
            sb.Append(Inv, $"| Descriptor cap | RLIMIT_NOFILE ({run.RlimitNofile}) was reached: EMFILE; the network limit was not measured |\n");
        }
        sb.Append('\n');

        AppendFailures(sb, stats);
        AppendLatency(sb, run);
        AppendEnvironment(sb, input);
        AppendNotes(sb, input.Manifest.Notes);
        AppendFiles(sb, directory);
        return sb.ToString();
    }

    /// <summary>"stopped at 28231 open connections: first failure EADDRNOTAVAIL in connect() after 1.42 s".</summary>
    public static string StopSentence(SummaryInput input)
    {
        var first = input.Stats.FirstFailure;
        var interrupted = input.Run.Interrupted ? " (interrupted)" : "";
        if (first is null)
        {
            return input.Run.Interrupted
                ? $"interrupted with {input.Stats.Open.ToString(Inv)} open connections, before any failure"
                : $"no failure: {input.Stats.Established.ToString(Inv)} of {input.Run.Attempted.ToString(Inv)} attempts established";
        }
        var seconds = (first.TMs / 1000.0).ToString("0.###", Inv);
        return $"stopped at {first.OpenAtFailure.ToString(Inv)} open connections: first failure {first.ErrnoName} in {PhaseText(first.Phase)} after {seconds} s{interrupted}";
    }

    /// <summary>"client-fin, tcp_tw_reuse 0: 0.5 connections/s sustained (last half of the run); TIME_WAIT rule: 50 ports / 60 s = 0.83/s".</summary>
    public static string? ChurnSentence(RunRow run)
    {
        if (run.ChurnRatePerS is not { } rate)
        {
            return null;
        }
        var tw = run.TwReuse is { } w ? $", tcp_tw_reuse {w}" : "";
        var rule = run.ChurnRulePerS is { } r && run.PortRangeSize is { } size
            ? $"; TIME_WAIT rule: {size} ports / 60 s = {r.ToString("0.##", Inv)}/s"
            : "";
        return $"{run.Close}{tw}: {rate.ToString("0.##", Inv)} connections/s sustained (last half of the run){rule}";
    }

    private static string PhaseText(FailurePhase phase) => phase switch
    {
        FailurePhase.Socket => "socket()",
        FailurePhase.SetSockOpt => "setsockopt()",
        FailurePhase.Bind => "bind()",
        FailurePhase.Connect => "connect()",
        FailurePhase.Timeout => "connect() (no answer within connect_timeout)",
        FailurePhase.Verify => "the echo check (the payload did not come back whole)",
        FailurePhase.Hold => "a held connection during the hold (it dropped)",
        _ => "a held connection (it dropped)",
    };

    private static void AppendFailures(StringBuilder sb, RunStats stats)
    {
        sb.Append("## Failures by errno\n\n");
        if (stats.FailuresByErrno.Count == 0)
        {
            sb.Append("None.\n\n");
            return;
        }
        sb.Append("| errno | count | meaning |\n|---|---:|---|\n");
        foreach (var (errno, count) in stats.FailuresByErrno.OrderByDescending(e => e.Value).ThenBy(e => e.Key))
        {
            sb.Append(Inv, $"| {Errno.Name(errno)} | {count} | {Errno.Meaning(errno)} |\n");
        }
        sb.Append('\n');
    }

    private static void AppendLatency(StringBuilder sb, RunRow run)
    {
        sb.Append("## Connect latency\n\n");
        if (run.ConnectP50Us is null)
        {
            sb.Append("No connection was established.\n\n");
            return;
        }
        sb.Append(Inv, $"p50 {run.ConnectP50Us} µs, p99 {run.ConnectP99Us} µs, max {run.ConnectMaxUs} µs (nearest rank, connect() to established).\n\n");
    }

    private static void AppendEnvironment(StringBuilder sb, SummaryInput input)
    {
        var m = input.Manifest;
        var run = input.Run;
        sb.Append("## Environment\n\n");
        sb.Append(Inv, $"- Kernel: {m.KernelRelease} on {m.Hostname} ({m.Cores} cores)\n");
        if (run.PortRangeLo is { } lo && run.PortRangeHi is { } hi)
        {
            sb.Append(Inv, $"- Port range: {lo}-{hi} ({run.PortRangeSize} ports)\n");
        }
        else if (m.Sysctls.TryGetValue("net.ipv4.ip_local_port_range", out var range))
        {
            sb.Append(Inv, $"- Port range: {range.Replace('\t', '-').Replace(' ', '-')} (net.ipv4.ip_local_port_range)\n");
        }
        else
        {
            sb.Append("- Port range: not recorded\n");
        }
        sb.Append(Inv, $"- Network namespace: {m.Namespace ?? "the current one (no lab)"}\n");
        sb.Append(Inv, $"- RLIMIT_NOFILE: {run.RlimitNofile}; workers: {run.Workers}\n");
        sb.Append(Inv, $"- Started {m.StartedUtc.ToString("u", Inv)}, ended {m.EndedUtc?.ToString("u", Inv) ?? "(not finished)"}; exit code {m.ExitCode}\n\n");
    }

    private static void AppendNotes(StringBuilder sb, IReadOnlyList<string> notes)
    {
        if (notes.Count == 0)
        {
            return;
        }
        sb.Append("## Notes\n\n");
        foreach (var note in notes)
        {
            sb.Append("- ").Append(note).Append('\n');
        }
        sb.Append('\n');
    }

    private static void AppendFiles(StringBuilder sb, string? directory)
    {
        sb.Append("## Files\n\n");
        var names = new SortedSet<string>(StringComparer.Ordinal) { FileName };
        if (directory is not null && Directory.Exists(directory))
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
    }
}
