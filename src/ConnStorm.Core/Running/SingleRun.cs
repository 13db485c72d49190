using System.Runtime.Versioning;
using ConnStorm.Lab;
using ConnStorm.Results;
using ConnStorm.Rules;
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
        using var experiment = Experiment.Start(scenario, budget.Workers, budget.Sinks,
            budget.BudgetGiven ? budget.DescriptorsPerProcess : null, ct, dir);
        using var recorder = new RunRecorder(dir, scenario.Output.TimelineInterval, scenario.Output.ConnectionsCsv);
        IReadOnlyList<Proxy.ProxyStatRow>? proxyStats = null;
        var pump = new EventPump(scenario, experiment, recorder, ct)
        {
            OnConnectPhaseOver = () => proxyStats ??= experiment.Proxy?.ReadStats(),
        };
        view.Begin(number, pump);
        pump.Run(view.Update);
        var proxyNotes = Proxy.ProxyRun.Finish(experiment, proxyStats, dir);
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
            Interrupted: interrupted);
        var row = recorder.Complete(info);
        var client = scenario.Client;
        row = row with
        {
            RunDir = runDir,
            BindBeforeConnect = client.BindBeforeConnect,
            BindAddressNoPort = client.BindAddressNoPort,
            ReuseAddr = client.ReuseAddr,
            SourcePorts = client.SourcePorts?.Size,
            WorkersLost = pump.WorkersLost,
            TwReuse = int.TryParse(experiment.Sysctls.GetValueOrDefault("net.ipv4.tcp_tw_reuse"), out int tw) ? tw : null,
        };
        row = ChurnColumns(row, recorder, portRange);
        row = Proxy.ProxyRun.Columns(row, scenario.Proxy, proxyNotes.Stats);
        // Only the kernel's measured range makes a prediction; a range that was never read has none.
        if (portRange is not null && client.LocalPortRange is null)
        {
            row = row with { PredictedLimit = PortRules.Predict(ClientShape.Of(row)).Limit };
        }
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
        var manifest = new Manifest
        {
            ToolVersion = SystemFacts.ToolVersion(),
            Scenario = ScenarioYaml.ToResolved(scenario),
            ScenarioFile = scenario.SourcePath,
            KernelRelease = SystemFacts.KernelRelease(),
            Hostname = SystemFacts.Hostname(),
            Cores = SystemFacts.Cores,
            MemoryBytes = SystemFacts.MemoryBytes(),
            RlimitNofile = new RlimitNofile(experiment.WorkerLimit.Soft, experiment.WorkerLimit.Hard, experiment.WorkerLimit.Raised),
            Sysctls = experiment.Sysctls,
            Namespace = experiment.Lab?.Name,
            StartedUtc = started,
            EndedUtc = DateTime.UtcNow,
            Interrupted = interrupted,
            ExitCode = interrupted ? ExitCodes.Interrupted : ExitCodes.Ran,
            Notes = notes,
        };
        ManifestWriter.Write(Path.Combine(dir, ManifestWriter.FileName), manifest);
        return new RunResult(row, recorder.Stats, manifest, experiment.WorkerRssReadyKb, pump.WorkerRssConnectedKb)
        {
            PeakMemoryKb = peakKb,
            Processes = processes,
            WallSeconds = wall,
        };
    }

    /// <summary>A churn's close mode, its sustained rate and the TIME_WAIT rule's rate (range / 60 s) to compare it with.</summary>
    private RunRow ChurnColumns(RunRow row, RunRecorder recorder, PortRange? portRange)
    {
        if (Engine.WorkerPlan.ChurnDuration(scenario) is not { } duration)
        {
            return row;
        }
        return row with
        {
            Close = scenario.Client.ClosesWithRst ? CloseMode.ClientRst.ToName() : scenario.Client.Close.ToName(),
            ChurnRatePerS = Math.Round(recorder.SustainedRate(duration.TotalMilliseconds), 2),
            ChurnRulePerS = portRange is { } r ? Math.Round(r.Size / TimeWaitSeconds, 2) : null,
        };
    }

    /// <summary>TCP_TIMEWAIT_LEN: how long the side that closed first keeps its 4-tuple, fixed at 60 s.</summary>
    public const double TimeWaitSeconds = 60;

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
