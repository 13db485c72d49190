using ConnStorm.Results;
using ConnStorm.Platform;
using ConnStorm.Tests.TestSupport;

namespace ConnStorm.Tests.EndToEnd;

/// <summary>Ctrl-C ends a run with exit code 130, its results written and nothing left running.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class InterruptTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("connstorm-int-").FullName;

    [LabFact]
    public void Sigint_DuringHold_Exits130WithResultsWrittenAndNothingLeft()
    {
        string file = Path.Combine(_dir, "scenario.yaml");
        File.WriteAllText(file, """
            name: interrupted
            lab:
              sysctl:
                net.ipv4.ip_local_port_range: "40000 40099"
            sink:
              listen: ["127.0.0.1:9000"]
            targets: ["127.0.0.1:9000"]
            load:
              connections: 50
              hold: 60s
            """);
        string outDir = Path.Combine(_dir, "out");
        var psi = ConnStormCli.StartInfo("run", file, "--out", outDir, "--plain");
        var started = DateTime.UtcNow;

        var result = ConnStormCli.Run(psi, TimeSpan.FromSeconds(60), (process, stdout) =>
        {
            var until = DateTime.UtcNow.AddSeconds(30);
            while (!stdout().Contains("holding", StringComparison.Ordinal) && DateTime.UtcNow < until)
            {
                Thread.Sleep(100);
            }
            Signals.Send(process.Id, 2 /* SIGINT */);
        });

        Assert.True(result.ExitCode == 130, result.Stdout + result.Stderr);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(45), "the 60 s hold was cut short");
        var row = RunsCsv.Read(Path.Combine(outDir, "runs.csv")).Single();
        Assert.True(row.Interrupted);
        Assert.Equal(50, row.MaxEstablished);
        Assert.Equal(50, File.ReadAllLines(Path.Combine(outDir, "connections.csv")).Length - 1);
        Assert.Contains("\"interrupted\": true", File.ReadAllText(Path.Combine(outDir, "manifest.json")), StringComparison.Ordinal);
        Assert.Empty(Leftovers.NamespacesOf(result.Pid));
        Assert.Empty(Leftovers.ExperimentProcesses());
    }

    [LabFact]
    public void A_closed_terminal_SIGHUP_mid_sweep_exits_130_with_summary_and_manifest_written_and_no_lab_left()
    {
        string file = Path.Combine(_dir, "sweep.yaml");
        File.WriteAllText(file, """
            name: hung-up
            lab:
              sysctl:
                net.ipv4.ip_local_port_range: "40000 40099"
            sink:
              listen: ["127.0.0.1:9000"]
            targets: ["127.0.0.1:9000"]
            load:
              connections: 20
              hold: 60s
            sweep:
              port_range: ["40000 40099", "40000 40199"]
            """);
        string outDir = Path.Combine(_dir, "out");
        var psi = ConnStormCli.StartInfo("run", file, "--out", outDir, "--plain");
        var started = DateTime.UtcNow;

        var result = ConnStormCli.Run(psi, TimeSpan.FromSeconds(60), (process, stdout) =>
        {
            var until = DateTime.UtcNow.AddSeconds(30);
            while (!stdout().Contains("holding", StringComparison.Ordinal) && DateTime.UtcNow < until)
            {
                Thread.Sleep(100);
            }
            Signals.Send(process.Id, 1 /* SIGHUP */);
        });

        Assert.True(result.ExitCode == 130, result.Stdout + result.Stderr);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(45), "the 60 s hold was cut short");
        Assert.Contains("interrupted by SIGHUP", result.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(outDir, "summary.md")), "summary.md written");
        var manifest = ManifestWriter.Read(Path.Combine(outDir, "manifest.json"));
        Assert.True(manifest.Complete);
        Assert.True(manifest.Interrupted);
        Assert.Equal(130, manifest.ExitCode);
        Assert.True(RunsCsv.Read(Path.Combine(outDir, "runs.csv")).Single().Interrupted);
        Assert.Empty(Leftovers.NamespacesOf(result.Pid));
        Assert.Empty(Leftovers.ExperimentProcesses());
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
