using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using ConnStorm.Lab;
using ConnStorm.Exporters;
using ConnStorm.Results;
using ConnStorm.Scenarios;
using ConnStorm.Errors;

namespace ConnStorm.Running;

/// <summary>
/// Runs a scenario: every combination of its sweep (or the one run it describes), each
/// in a fresh lab, then the exporters (plots, summary, report.html) over the folder. runs.csv is rewritten
/// after every run, so Ctrl-C keeps every finished run and the interrupted one.
/// Everything a run started is stopped and its namespace deleted on every way out.
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
        if (scenario.Proxy is not null && Proxy.Haproxy.Find() is null)
        {
            return new RunOutcome(ExitCodes.EnvironmentCannotRun, null, null, $"proxy: {Proxy.Haproxy.MissingHint}");
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

        var runs = SweepExpander.Expand(scenario);
        bool flat = runs.Count == 1 && scenario.Sweep is null;
        string dir = ResultsFolder.Resolve(options.OutDir, scenario.Name, DateTime.UtcNow, options.ResultsRoot);
        var view = ProgressView.Create(options.Interactive, scenario, runs, log);
        var results = new List<RunResult>();
        string? error = null;

        view.Show(() =>
        {
            foreach (var run in runs)
            {
                if (linked.IsCancellationRequested)
                {
                    break;
                }
                string runDirRel = flat ? "." : Path.Combine("runs", run.Id);
                string runDir = Path.Combine(dir, runDirRel);
                Directory.CreateDirectory(runDir);
                try
                {
                    results.Add(new SingleRun(run.Scenario, options, view).Run(runDir, run.Number, run.Variant, runDirRel, linked.Token));
                }
                catch (Exception e) when (e is LabException or ExperimentException)
                {
                    error = $"run {run.Number} ({run.Id}) could not run: {e.Message}";
                    break;
                }
                RunsCsv.Write(Path.Combine(dir, RunsCsv.FileName), results.Select(r => r.Row));
            }
        });

        if (results.Count == 0)
        {
            return new RunOutcome(ExitCodes.EnvironmentCannotRun, dir, null, error ?? "no run was made");
        }
        bool interrupted = interrupt.IsCancellationRequested || ct.IsCancellationRequested;
        // The records come first (a single run's manifest is already in the folder): every
        // exporter reads the folder, not this process.
        if (!flat)
        {
            SweepManifest.Write(dir, scenario, results, interrupted);
        }
        var exported = ExportRun.All(options.Exporters, ResultsModel.Open(dir));
        foreach (var e in exported.Errors)
        {
            log.WriteLine(e);
        }

        int exitCode = interrupted ? ExitCodes.Interrupted : error is not null ? ExitCodes.EnvironmentCannotRun : ExitCodes.Ran;
        return new RunOutcome(exitCode, dir, results[^1].Row, error)
        {
            Rows = results.Select(r => r.Row).ToList(),
            WorkerRssReadyKb = results[^1].WorkerRssReadyKb,
            WorkerRssConnectedKb = results[^1].WorkerRssConnectedKb,
            PeakMemoryKb = results[^1].PeakMemoryKb,
            Processes = results[^1].Processes,
            WallSeconds = results[^1].WallSeconds,
        };
    }
}
