using System.Runtime.Versioning;
using ConnStorm.Lab;
using ConnStorm.Exporters;
using ConnStorm.Results;
using ConnStorm.Scenarios;
using ConnStorm.Errors;

namespace ConnStorm.Running;

/// <summary>
/// Runs a scenario: every combination of its sweep (or the one run it describes), each
/// in a fresh lab, then the exporters (plots, summary, report.html) over the folder. manifest.json
/// is written first and completed last; runs.csv is rewritten after every run, so an interruption keeps
/// every finished run and the interrupted one. Everything a run started is stopped and its
/// namespace deleted on every way out, a results folder that cannot be written included.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ScenarioRunner(Scenario scenario, RunOptions options, TextWriter log)
{
    /// <param name="ct">Cancelled to interrupt (the command's <see cref="Platform.ShutdownSignals"/>): exit code 130, results kept.</param>
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

        var runs = SweepExpander.Expand(scenario);
        bool flat = runs.Count == 1 && scenario.Sweep is null;
        if (RunPlan.NeedsCalibration(runs, fitCheck: !options.SkipFitCheck))
        {
            // connections: max and big runs: measure what a connection costs here, size and check them before anything starts.
            var cal = Calibration.Measure(runs[0].Scenario, out string? whyNot)?.WithEarlierRun(options.ResultsRoot, scenario.Name);
            log.WriteLine(cal?.Describe() ?? whyNot);
            var planNotes = new List<string>();
            runs = RunPlan.ResolveMax(runs, options, cal, planNotes);
            foreach (string note in planNotes)
            {
                log.WriteLine(note);
            }
            if (!options.SkipFitCheck && runs.Select(r => RunPlan.Misfit(RunPlan.Plan(r, options, cal))).FirstOrDefault(m => m is not null) is { } misfit)
            {
                return new RunOutcome(ExitCodes.EnvironmentCannotRun, null, null, $"{misfit}. Nothing was started; --no-fit-check starts it anyway (the memory floor still stops it).");
            }
        }
        string dir;
        try
        {
            dir = ResultsFolder.Resolve(options.OutDir, scenario.Name, DateTime.UtcNow, options.ResultsRoot);
            // Written before the first run and completed after the last, so a killed sweep says so.
            ManifestWriter.Write(Path.Combine(dir, ManifestWriter.FileName), ManifestStart.Of(scenario, DateTime.UtcNow));
        }
        catch (Exception e) when (ResultsWriteException.IsWriteFailure(e))
        {
            return new RunOutcome(ExitCodes.EnvironmentCannotRun, null, null, ResultsWriteException.About(options.OutDir ?? options.ResultsRoot, e).Message);
        }
        var view = ProgressView.Create(options.Interactive, scenario, runs, log);
        var results = new List<RunResult>();
        string? error = null;
        bool writeFailed = false;

        view.Show(() =>
        {
            foreach (var run in runs)
            {
                if (ct.IsCancellationRequested)
                {
                    break;
                }
                string runDirRel = flat ? "." : Path.Combine("runs", run.Id);
                string runDir = Path.Combine(dir, runDirRel);
                try
                {
                    ResultsFolder.Create(runDir);
                    results.Add(new SingleRun(run.Scenario, options, view).Run(runDir, run.Number, run.Variant, runDirRel, ct));
                    RunsCsv.Write(Path.Combine(dir, RunsCsv.FileName), results.Select(r => r.Row));
                }
                catch (Exception e) when (e is LabException or ExperimentException)
                {
                    error = $"run {run.Number} ({run.Id}) could not run: {e.Message}";
                    break;
                }
                catch (Exception e) when (ResultsWriteException.IsWriteFailure(e))
                {
                    // The run's processes are stopped and its lab deleted by now (SingleRun's using).
                    error = ResultsWriteException.About(dir, e).Message;
                    writeFailed = true;
                    break;
                }
            }
        });

        if (results.Count == 0)
        {
            // A signal before the first run is an interruption like any other, not an environment that cannot run.
            int noRunExit = error is null && ct.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.EnvironmentCannotRun;
            error ??= noRunExit == ExitCodes.Interrupted ? "interrupted before the first run" : "no run was made";
            if (!writeFailed)
            {
                CompleteWithoutRuns(dir, error, noRunExit);
            }
            return new RunOutcome(noRunExit, dir, null, error);
        }
        bool interrupted = ct.IsCancellationRequested;
        try
        {
            WriteEnd(dir, flat, results, interrupted, error);
        }
        catch (Exception e) when (ResultsWriteException.IsWriteFailure(e))
        {
            error ??= ResultsWriteException.About(dir, e).Message;
            writeFailed = true;
        }

        int exitCode = writeFailed ? ExitCodes.EnvironmentCannotRun : interrupted ? ExitCodes.Interrupted : error is not null ? ExitCodes.EnvironmentCannotRun : ExitCodes.Ran;
        return new RunOutcome(exitCode, dir, results[^1].Row, error)
        {
            Rows = results.Select(r => r.Row).ToList(),
            WorkerRssReadyKb = results[^1].WorkerRssReadyKb,
            WorkerRssConnectedKb = results[^1].WorkerRssConnectedKb,
            PeakMemoryKb = results[^1].PeakMemoryKb,
            Processes = results[^1].Processes,
            WallSeconds = results[^1].WallSeconds,
            WorkerBuild = results[^1].Manifest.WorkerBuild,
        };
    }

    /// <summary>Not one run could be made: the manifest says so, instead of looking like a killed run.</summary>
    private static void CompleteWithoutRuns(string dir, string error, int exitCode)
    {
        string path = Path.Combine(dir, ManifestWriter.FileName);
        try
        {
            var started = ManifestWriter.Read(path);
            ManifestWriter.Write(path, started.Completed(DateTime.UtcNow, interrupted: exitCode == ExitCodes.Interrupted, [error]) with { ExitCode = exitCode });
        }
        catch (Exception e) when (ResultsWriteException.IsWriteFailure(e) || e is System.Text.Json.JsonException or InvalidDataException)
        {
            // The error itself is reported on stderr; the manifest stays as the start left it.
        }
    }

    /// <summary>The sweep's own files once the runs are over: manifest, exporters, summary.</summary>
    private void WriteEnd(string dir, bool flat, List<RunResult> results, bool interrupted, string? error)
    {
        // The records come first (a single run's manifest is already in the folder): every
        // exporter reads the folder, not this process.
        if (!flat)
        {
            SweepManifest.Write(dir, scenario, results, interrupted, error);
        }
        var exported = ExportRun.All(options.Exporters, ResultsModel.Open(dir));
        foreach (var e in exported.Errors)
        {
            log.WriteLine($"connstorm: {e}");
        }
        if (exported.WriteFailure is { } failure)
        {
            throw ResultsWriteException.About(dir, failure);
        }
    }
}
