using System.Runtime.Versioning;
using ConnStorm.Lab;
using ConnStorm.Results;
using ConnStorm.Scenarios;
using ConnStorm.Errors;
using ConnStorm.Platform;

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
        var floor = options.MemoryFloor ?? scenario.Load.MemoryFloor;
        var limits = MachineFacts.Limits(floor, budget, options.Workers, experiment, scenario);
        using var recorder = new RunRecorder(dir, scenario.Output.TimelineInterval, scenario.Output.ConnectionsCsv, experiment.Workers.Count);
        var startManifest = ManifestStart.Of(scenario, started) with
        {
            RlimitNofile = new RlimitNofile(experiment.WorkerLimit.Soft, experiment.WorkerLimit.Hard, experiment.WorkerLimit.Raised),
            Sysctls = experiment.Sysctls,
            Namespace = experiment.Lab?.Name,
            Limits = limits,
            WorkerBuild = experiment.Workers.Count > 0 || experiment.SinkProcesses > 0 ? experiment.WorkerBuild : null,
        };
        ManifestWriter.Write(manifestPath, startManifest);
        IReadOnlyList<Proxy.ProxyStatRow>? proxyStats = null;
        // Kernel memory and ConnStorm's around the connect phase: read just before the go and once every worker has ended it.
        var slabBefore = SlabInfo.ReadFlushed(KernelMemory.CacheNames);
        var sockBefore = experiment.LabSockStat();
        long anonBeforeKb = experiment.AnonKb();
        KernelMemory? kernel = null;
        long? connStormPerConn = null;
        (long Kb, int Processes, long ParentKb)? pss = null;
        var pump = new EventPump(scenario, experiment, recorder, ct)
        {
            MemoryFloorBytes = limits.MemoryFloorBytes,
            OnConnectPhaseOver = () =>
            {
                // The peak: every connection is still held (workers wait for the release that follows).
                pss ??= experiment.PssKb();
                proxyStats ??= experiment.Proxy?.ReadStats();
                long open = recorder.Stats.Open;
                kernel = KernelMemory.Between(slabBefore, SlabInfo.ReadFlushed(KernelMemory.CacheNames), sockBefore, experiment.LabSockStat(), open, SlabInfo.MergedWith);
                connStormPerConn = open > 0 ? Math.Max(0, experiment.AnonKb() - anonBeforeKb) * 1024 / open : null;
            },
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
            LimitMet = pump.LimitMet,
            LimitMetAt = pump.LimitMetAt,
            MemoryFloorBytes = limits.MemoryFloorBytes,
            MemAvailableStartBytes = limits.MemAvailableBytes,
            MemAvailableMinBytes = pump.MemAvailableMinBytes,
            Kernel = kernel,
            ConnStormGrowthBytesPerConn = connStormPerConn,
            ConnStormPssKb = pss?.Kb,
            ConnStormProcesses = pss?.Processes,
            ConnStormParentPssKb = pss?.ParentKb,
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
        if (kernel is not null)
        {
            notes.Add($"kernel slab growth over the connect phase (system-wide): {kernel.Detail()}" +
                (kernel.Merged.Count > 0 ? "; " + string.Join("; ", kernel.Merged) : ""));
        }
        else
        {
            notes.Add("kernel memory not measured: /proc/slabinfo could not be read (it needs root)");
        }
        notes.Add($"peak memory of the run's {processes} ConnStorm processes (parent, workers, sinks): {peakKb / 1024} MiB, the sum of each one's peak resident set");
        if (pss is { } p)
        {
            notes.Add($"ConnStorm's memory at the peak: {p.Kb / 1024} MiB PSS over its {p.Processes} processes (parent, workers, sinks; {experiment.WorkerBuild} worker build), read when every worker's connect phase was over; shared pages counted once, the kernel's socket memory not included");
            int processesStarted = 1 + experiment.Workers.Count + experiment.SinkProcesses;
            if (p.Processes < processesStarted)
            {
                notes.Add($"only {p.Processes} of the run's {processesStarted} processes were still there to be measured: a run told to stop lets its workers close and end at once, so the memory figure leaves the ended ones out");
            }
        }
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
