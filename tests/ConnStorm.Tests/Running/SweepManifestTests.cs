using ConnStorm.Errors;
using ConnStorm.Results;
using ConnStorm.Running;
using ConnStorm.Scenarios;

namespace ConnStorm.Tests.Running;

public sealed class SweepManifestTests
{
    private static RunResult Run(TempDir dir, int number)
    {
        using var recorder = Samples.Recorder(dir, connections: false);
        return new(Samples.Row(recorder, Samples.Info() with { Run = number }), new RunStats(),
            new Manifest { KernelRelease = "6.18.44", StartedUtc = DateTime.UtcNow, EndedUtc = DateTime.UtcNow, Notes = [$"note of run {number}"] }, 0, 0);
    }

    private static Manifest Write(bool interrupted, string? error)
    {
        using var dir = new TempDir();
        var scenario = ScenarioLoader.Parse("name: sweep-manifest\ntargets: [\"127.0.0.1:9000\"]\n", "sweep.yaml");
        SweepManifest.Write(dir.Path, scenario, [Run(dir, 1), Run(dir, 2)], interrupted, error);
        return ManifestWriter.Read(dir.File(ResultFiles.Manifest));
    }

    [Fact]
    public void A_sweep_that_ran_every_run_is_complete_with_exit_code_0_and_each_run_s_notes()
    {
        var manifest = Write(interrupted: false, error: null);

        Assert.True(manifest.Complete);
        Assert.Equal(ExitCodes.Ran, manifest.ExitCode);
        Assert.Contains("run 2: note of run 2", manifest.Notes);
    }

    [Fact]
    public void A_sweep_stopped_by_a_run_that_could_not_start_records_exit_code_3_and_why()
    {
        var manifest = Write(interrupted: false, error: "run 3 (003-x) could not run: haproxy exited with code 1");

        Assert.Equal(ExitCodes.EnvironmentCannotRun, manifest.ExitCode);
        Assert.Contains("run 3 (003-x) could not run: haproxy exited with code 1", manifest.Notes);
    }

    [Fact]
    public void An_interrupted_sweep_records_exit_code_130()
    {
        var manifest = Write(interrupted: true, error: null);

        Assert.True(manifest.Interrupted);
        Assert.Equal(ExitCodes.Interrupted, manifest.ExitCode);
    }
}
