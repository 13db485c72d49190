using ConnStorm.Results;
using ConnStorm.Tests.TestSupport;

namespace ConnStorm.Tests.EndToEnd;

/// <summary>RLIMIT_NOFILE is read, raised to what is there, and named when it stops a run.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class DescriptorLimitTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("connstorm-fd-").FullName;

    [LabFact]
    public void Run_PastTheDescriptorLimit_StopsWithEmfileInSocketAndSaysRlimitCappedIt()
    {
        const int limit = 300;
        string file = Path.Combine(_dir, "scenario.yaml");
        File.WriteAllText(file, """
            name: fd-cap
            lab:
              sysctl:
                net.ipv4.ip_local_port_range: "40000 40999"
            sink:
              listen: ["127.0.0.1:9000"]
            targets: ["127.0.0.1:9000"]
            load:
              connections: 600
            """);
        string outDir = Path.Combine(_dir, "out");
        // prlimit lowers soft and hard limit for the CLI and so for the worker it starts;
        // --workers 1 keeps ConnStorm from splitting the run, so the limit is hit.
        var psi = ConnStormCli.StartInfoUnder("prlimit", [$"--nofile={limit}:{limit}"], "run", file, "--out", outDir, "--plain", "--workers", "1");

        var result = ConnStormCli.Run(psi, TimeSpan.FromSeconds(60), null);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var row = RunsCsv.Read(Path.Combine(outDir, "runs.csv")).Single();
        Assert.Equal(limit, row.RlimitNofile);
        Assert.Equal("EMFILE", row.FirstFailureErrno);
        Assert.Equal("socket", row.FirstFailurePhase);
        Assert.True(row.FdCapped);
        // Each held connection is one descriptor; the rest of the limit is the runtime's own.
        Assert.InRange(row.MaxEstablished, limit / 2, limit - 1);
        var manifest = ManifestWriter.Read(Path.Combine(outDir, "manifest.json"));
        Assert.Contains(manifest.Notes, n => n.Contains("RLIMIT_NOFILE", StringComparison.Ordinal));
        Assert.DoesNotContain(manifest.Notes, n => n.Contains("died", StringComparison.Ordinal));
        Assert.Empty(Leftovers.ExperimentProcesses());
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
