using ConnStorm.Lab;
using ConnStorm.Platform;
using ConnStorm.Results;
using ConnStorm.Tests.TestSupport;

namespace ConnStorm.Tests.EndToEnd;

/// <summary>A run killed outright (SIGKILL: no handler, no cleanup) still leaves a manifest saying what it was.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class KilledRunTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("connstorm-kill-").FullName;

    [LabFact]
    public void A_run_killed_with_SIGKILL_has_a_manifest_beside_its_CSVs_that_says_it_is_incomplete()
    {
        string file = Path.Combine(_dir, "scenario.yaml");
        File.WriteAllText(file, """
            name: killed
            lab:
              sysctl:
                net.ipv4.ip_local_port_range: "40000 40099"
            sink:
              listen: ["127.0.0.1:9000"]
            targets: ["127.0.0.1:9000"]
            load:
              connections: 30
              hold: 60s
            """);
        string outDir = Path.Combine(_dir, "out");
        var psi = ConnStormCli.StartInfo("run", file, "--out", outDir, "--plain");
        int pid = 0;
        try
        {
            var result = ConnStormCli.Run(psi, TimeSpan.FromSeconds(60), (process, stdout) =>
            {
                pid = process.Id;
                var until = DateTime.UtcNow.AddSeconds(30);
                while (!stdout().Contains("holding", StringComparison.Ordinal) && DateTime.UtcNow < until)
                {
                    Thread.Sleep(100);
                }
                Signals.Send(process.Id, Signals.SIGKILL);
            });

            Assert.Equal(137, result.ExitCode);
            Assert.True(File.Exists(Path.Combine(outDir, "connections.csv")) || File.Exists(Path.Combine(outDir, "timeline.csv")));
            var manifest = ManifestWriter.Read(Path.Combine(outDir, "manifest.json"));
            Assert.False(manifest.Complete);
            Assert.Null(manifest.EndedUtc);
            Assert.Null(manifest.ExitCode);
            Assert.Equal("killed", manifest.Scenario["name"]?.ToString());
            Assert.NotEmpty(manifest.KernelRelease);
            Assert.Equal("40000 40099", manifest.Sysctls["net.ipv4.ip_local_port_range"]);
        }
        finally
        {
            CleanUpAfter(pid);
        }
    }

    /// <summary>
    /// The killed parent could not stop its children or delete its lab. The workers and the sink see
    /// their stdin reach EOF and end on their own; anything still there after that is killed, and
    /// the janitor removes the namespace of the dead owner as the next run would.
    /// </summary>
    private static void CleanUpAfter(int pid)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (Leftovers.ExperimentProcesses().Count > 0 && DateTime.UtcNow < until)
        {
            Thread.Sleep(200);
        }
        foreach (string line in Leftovers.ExperimentProcesses())
        {
            Signals.Send(int.Parse(line.Split(':')[0], System.Globalization.CultureInfo.InvariantCulture), Signals.SIGKILL);
        }
        LabJanitor.RemoveStale();
        Assert.Empty(Leftovers.NamespacesOf(pid));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
