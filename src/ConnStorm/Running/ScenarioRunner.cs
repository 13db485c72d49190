using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using ConnStorm.Cli;
using ConnStorm.Engine;
using ConnStorm.Lab;
using ConnStorm.Results;
using ConnStorm.Scenarios;

namespace ConnStorm.Running;

/// <summary>
/// Runs one scenario: lab, sink, workers → merged event stream → recorder → runs.csv,
/// manifest, summary. Everything it started is stopped and the namespace deleted on
/// every way out; results written so far survive Ctrl-C.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ScenarioRunner(Scenario scenario, RunOptions options, TextWriter log)
{
    public RunOutcome Run(CancellationToken ct)
    {
        if (scenario.Lab is not null && LabRequirements.WhatIsMissing() is { } missing)
        {
            return new RunOutcome(ExitCodes.EnvironmentCannotRun, null, null, $"{scenario.Lab.Location}: lab: {missing}");
        }
        if (scenario.Lab is not null)
        {
            foreach (string name in LabJanitor.RemoveStale())
            {
                log.WriteLine($"removed a namespace left by an earlier run: {name}");
            }
        }

        using var interrupt = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, interrupt.Token);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; interrupt.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; interrupt.Cancel(); });

        string dir = ResultsFolder.Resolve(options.OutDir, scenario.Name, DateTime.UtcNow, options.ResultsRoot);
        var started = DateTime.UtcNow;
        Experiment experiment;
        try
        {
            experiment = Experiment.Start(scenario, options.Workers, linked.Token);
        }
        catch (Exception e) when (e is LabException or ExperimentException)
        {
            return new RunOutcome(ExitCodes.EnvironmentCannotRun, dir, null, e.Message);
        }

        using (experiment)
        {
            using var recorder = new RunRecorder(dir, scenario.Output.TimelineInterval, scenario.Output.ConnectionsCsv);
            var pump = new EventPump(scenario, experiment, recorder, linked.Token);
            var view = ProgressView.Create(options.Interactive, scenario, log);
            view.Show(() => pump.Run(view.Update));

            bool interrupted = interrupt.IsCancellationRequested || ct.IsCancellationRequested;
            var info = new RunInfo(
                Run: options.RunNumber,
                Variant: options.Variant,
                PortRange: ParseRange(experiment.Sysctls.GetValueOrDefault("net.ipv4.ip_local_port_range")),
                Targets: scenario.Targets.Count,
                SourceIps: Math.Max(1, scenario.Client.SourceIps.Count),
                Attempted: pump.Attempted,
                Seconds: pump.Seconds,
                RlimitNofile: (long)experiment.WorkerLimit.Raised,
                Workers: experiment.Workers.Count,
                Interrupted: interrupted);
            var row = recorder.Complete(info);
            RunsCsv.Write(Path.Combine(dir, "runs.csv"), [row]);

            var notes = new List<string>(pump.Notes);
            if (row.FdCapped)
            {
                notes.Add($"RLIMIT_NOFILE ({experiment.WorkerLimit.Raised}) capped this run: socket() failed with EMFILE once a worker held its limit of descriptors. Raise the hard limit or split the run over more worker processes.");
            }
            if (pump.WorkerRssConnectedKb > 0 && row.MaxEstablished > 0)
            {
                long growth = Math.Max(0, pump.WorkerRssConnectedKb - experiment.WorkerRssReadyKb) * 1024;
                notes.Add($"worker memory: {experiment.WorkerRssReadyKb} KiB resident when ready, {pump.WorkerRssConnectedKb} KiB after the connect phase: {growth / row.MaxEstablished} bytes per held connection (process only; the kernel's socket memory is not in it)");
            }
            int exitCode = interrupted ? ExitCodes.Interrupted : ExitCodes.Ran;
            var manifest = new Manifest
            {
                ToolVersion = SystemFacts.ToolVersion(),
                KernelRelease = SystemFacts.KernelRelease(),
                Hostname = SystemFacts.Hostname(),
                Cores = SystemFacts.Cores,
                MemoryBytes = SystemFacts.MemoryBytes(),
                Scenario = ScenarioYaml.ToResolved(scenario),
                ScenarioFile = scenario.SourcePath,
                RlimitNofile = new RlimitNofile(experiment.WorkerLimit.Soft, experiment.WorkerLimit.Hard, experiment.WorkerLimit.Raised),
                Sysctls = experiment.Sysctls,
                Namespace = experiment.Lab?.Name,
                StartedUtc = started,
                EndedUtc = DateTime.UtcNow,
                Interrupted = interrupted,
                ExitCode = exitCode,
                Notes = notes,
            };
            ManifestWriter.Write(Path.Combine(dir, "manifest.json"), manifest);
            SummaryWriter.Write(Path.Combine(dir, "summary.md"), new SummaryInput(scenario.Name, scenario.Description, row, recorder.Stats, manifest));
            return new RunOutcome(exitCode, dir, row)
            {
                WorkerRssReadyKb = experiment.WorkerRssReadyKb,
                WorkerRssConnectedKb = pump.WorkerRssConnectedKb,
            };
        }
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
