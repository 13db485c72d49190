using System.Runtime.Versioning;
using ConnStorm.Lab;
using ConnStorm.Results;
using ConnStorm.Scenarios;
using ConnStorm.Errors;

namespace ConnStorm.Running;

/// <summary>
/// One concrete run (no sweep): a fresh lab, the sink and worker processes, the merged
/// event stream into a recorder, and the run's own records (timeline, failures,
/// connections, manifest) in <c>dir</c>; its summary is the exporters' work.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class SingleRun(Scenario scenario, RunOptions options, ProgressView view)
{
    /// <summary>Runs it. Throws LabException or ExperimentException when the environment cannot run it.</summary>
    public RunResult Run(string dir, int number, string variant, string runDir, CancellationToken ct)
    {
        var budget = ProcessBudget.For(scenario, options.FdsPerProcess, options.Workers);
        var started = DateTime.UtcNow;
        // Beside the CSVs from the start, so even a run killed with SIGKILL says what it was: first
        // before the lab, sinks and workers start (which can take seconds), then with what they found.
        var manifestPath = Path.Combine(dir, ManifestWriter.FileName);
        ManifestWriter.Write(manifestPath, ManifestStart.Of(scenario, started));
        Experiment experimentStarted;
        try
        {
            experimentStarted = Experiment.Start(scenario, budget.Workers, budget.Sinks,
                budget.BudgetGiven ? budget.DescriptorsPerProcess : null, ct, dir, budget.ConnectingAtOnce);
        }
        catch (Exception e) when (e is LabException or ExperimentException)
        {
            // Not a killed run: say why it never began.
            ManifestWriter.Write(manifestPath, ManifestStart.Of(scenario, started).Completed(DateTime.UtcNow, interrupted: false, [e.Message])
                with { ExitCode = ExitCodes.EnvironmentCannotRun });
            throw;
        }
        using var experiment = experimentStarted;
        using var recorder = new RunRecorder(dir, scenario.Output.TimelineInterval, scenario.Output.ConnectionsCsv, experiment.Workers.Count);
        var startManifest = ManifestStart.Of(scenario, started) with
        {
            RlimitNofile = new RlimitNofile(experiment.WorkerLimit.Soft, experiment.WorkerLimit.Hard, experiment.WorkerLimit.Raised),
            Sysctls = experiment.Sysctls,
            Namespace = experiment.Lab?.Name,
        };
        ManifestWriter.Write(manifestPath, startManifest);
        IReadOnlyList<Proxy.ProxyStatRow>? proxyStats = null;
        var pump = new EventPump(scenario, experiment, recorder, ct)
        {
            OnConnectPhaseOver = () => proxyStats ??= experiment.Proxy?.ReadStats(),
        };
        view.Begin(number, pump);
        pump.Run(view.Update, options.StartAtUtc?.Invoke(ct));
        var proxyNotes = Proxy.ProxyRun.Finish(experiment.Proxy, proxyStats, dir);
        var (peakKb, processes) = experiment.PeakMemoryKb(pump.WorkerPeakKb, pump.WorkersReportingPeak);
        double wall = (DateTime.UtcNow - started).TotalSeconds;

        bool interrupted = ct.IsCancellationRequested;
        var portRange = ParseRange(experiment.Sysctls.GetValueOrDefault("net.ipv4.ip_local_port_range"));
        var info = new RunInfo(
            Run: number,
            Variant: variant,
            PortRange: portRange,
            Targets: scenario.Targets.Count,
            SourceIps: scenario.Client.BindBeforeConnect ? Math.Max(1, scenario.Client.SourceIps.Count) : 1,
            Attempted: pump.Attempted,
            Seconds: pump.Seconds,
            RlimitNofile: (long)experiment.WorkerLimit.Raised,
            Workers: experiment.Workers.Count,
            Interrupted: interrupted)
        {
            RunDir = runDir,
            WorkersLost = pump.WorkersLost,
            TwReuse = int.TryParse(experiment.Sysctls.GetValueOrDefault("net.ipv4.tcp_tw_reuse"), out int tw) ? tw : null,
        };
        var churn = Engine.WorkerPlan.ChurnDuration(scenario) is { } duration
            ? new ChurnFigures(recorder.SustainedRate(duration.TotalMilliseconds))
            : null;
        var row = RunRowBuilder.Build(info, recorder.Complete(), scenario.Client, churn,
            Proxy.ProxyRun.Figures(scenario.Proxy, proxyNotes.Stats));
        view.End(number, row);

        var notes = new List<string>(pump.Notes);
        if (budget.Explanation is { } split)
        {
            notes.Add(split);
        }
        if (row.FdCapped)
        {
            notes.Add($"RLIMIT_NOFILE ({experiment.WorkerLimit.Raised}) capped this run: socket() failed with EMFILE once a worker held its limit of descriptors. Raise the hard limit or split the run over more worker processes (--fds-per-process).");
        }
        notes.AddRange(proxyNotes.Notes);
        notes.Add($"peak memory of the run's {processes} ConnStorm processes (parent, workers, sinks): {peakKb / 1024} MiB, the sum of each one's peak resident set");
        if (pump.WorkerRssConnectedKb > 0 && row.MaxEstablished > 0)
        {
            long growth = Math.Max(0, pump.WorkerRssConnectedKb - experiment.WorkerRssReadyKb) * 1024;
            notes.Add($"worker memory: {experiment.WorkerRssReadyKb} KiB resident when ready, {pump.WorkerRssConnectedKb} KiB after the connect phase (all workers): {growth / row.MaxEstablished} bytes per held connection (process only; the kernel's socket memory is not in it)");
        }
        var manifest = startManifest.Completed(DateTime.UtcNow, interrupted, notes) with
        {
            ConnectStartedUtc = pump.StartedUtc,
            FirstAttemptUtc = pump.StartedUtc is { } t0 && pump.FirstAttemptUs is { } us ? t0.AddTicks(us * 10) : null,
        };
        ManifestWriter.Write(Path.Combine(dir, ManifestWriter.FileName), manifest);
        return new RunResult(row, recorder.Stats, manifest, experiment.WorkerRssReadyKb, pump.WorkerRssConnectedKb)
        {
            PeakMemoryKb = peakKb,
            Processes = processes,
            WallSeconds = wall,
        };
    }

    private static PortRange? ParseRange(string? text)
    {
        try
        {
            return string.IsNullOrWhiteSpace(text) ? null : EndpointPattern.ParsePortRange(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
