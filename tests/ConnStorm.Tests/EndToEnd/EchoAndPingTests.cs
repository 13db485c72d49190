using ConnStorm.Results;
using ConnStorm.Platform;
using ConnStorm.Tests.TestSupport;

namespace ConnStorm.Tests.EndToEnd;

/// <summary>client.verify: echo against the sink, and pings of held connections that see the sink die.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class EchoAndPingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("connstorm-echo-").FullName;

    private string Write(string yaml)
    {
        string file = Path.Combine(_dir, "scenario.yaml");
        File.WriteAllText(file, yaml);
        return file;
    }

    [LabFact]
    public void ChurnWithEchoVerify_AgainstAnEchoSink_CountsEveryConnectionWithoutVerifyFailures()
    {
        string file = Write("""
            name: echo
            lab:
              sysctl:
                net.ipv4.ip_local_port_range: "40000 40999"
            sink:
              listen: ["127.0.0.1:9000"]
              mode: echo
            targets: ["127.0.0.1:9000"]
            client:
              close: client-rst
              verify: echo
              payload_bytes: 256
            load:
              mode: churn
              duration: 2s
              rate: 200
            """);
        string outDir = Path.Combine(_dir, "out");

        var result = ConnStormCli.Run(TimeSpan.FromSeconds(60), "run", file, "--out", outDir, "--plain");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var row = RunsCsv.Read(Path.Combine(outDir, "runs.csv")).Single();
        Assert.Equal(0, row.Failures);
        Assert.InRange(row.MaxEstablished, 300, 401);
        Assert.DoesNotContain(",verify,", File.ReadAllText(Path.Combine(outDir, "failures.csv")), StringComparison.Ordinal);
        Assert.Empty(Leftovers.ExperimentProcesses());
    }

    [LinuxFact]
    public void VerifyEcho_AgainstAHoldSink_FailsValidationSayingTheSinkMustEcho()
    {
        string file = Write("""
            name: echo-hold
            sink:
              listen: ["127.0.0.1:9000"]
              mode: hold
            targets: ["127.0.0.1:9000"]
            client:
              verify: echo
            """);

        var result = ConnStormCli.Run(TimeSpan.FromSeconds(30), "run", file, "--out", Path.Combine(_dir, "out"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{file}:7:11: client.verify: echo needs the sink to echo: set sink.mode: echo", result.Stderr, StringComparison.Ordinal);
    }

    [LabFact]
    public void SinkKilledDuringAPingedHold_IsRecordedAsDropsInPhaseHoldWithTheirErrno()
    {
        string file = Write("""
            name: ping
            lab:
              sysctl:
                net.ipv4.ip_local_port_range: "40000 40999"
            sink:
              listen: ["127.0.0.1:9000"]
              mode: echo
            targets: ["127.0.0.1:9000"]
            load:
              connections: 20
              hold: 30s
              ping_interval: 200ms
            """);
        string outDir = Path.Combine(_dir, "out");
        var started = DateTime.UtcNow;
        var psi = ConnStormCli.StartInfo("run", file, "--out", outDir, "--plain");

        var result = ConnStormCli.Run(psi, TimeSpan.FromSeconds(60), (process, stdout) =>
        {
            var until = DateTime.UtcNow.AddSeconds(30);
            while (!stdout().Contains("holding", StringComparison.Ordinal) && DateTime.UtcNow < until)
            {
                Thread.Sleep(100);
            }
            // Let a few pings go back and forth, then kill this run's own sink (a descendant of the CLI).
            Thread.Sleep(700);
            foreach (int pid in SinksUnder(process.Id))
            {
                Signals.Send(pid, 9 /* SIGKILL */);
            }
        });

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(25), "the hold should end once every connection dropped");
        var drops = File.ReadAllLines(Path.Combine(outDir, "failures.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(20, drops.Count);
        Assert.All(drops, f => Assert.Equal("hold", f[5]));
        Assert.All(drops, f => Assert.Contains(f[7], new[] { "ECONNRESET", "EOF" }));
        Assert.All(drops, f => Assert.True(double.Parse(f[0], System.Globalization.CultureInfo.InvariantCulture) > 0));
        Assert.Empty(Leftovers.NamespacesOf(result.Pid));
        Assert.Empty(Leftovers.ExperimentProcesses());
    }

    /// <summary>Sink processes whose parent chain leads to <paramref name="ancestor"/>.</summary>
    private static IEnumerable<int> SinksUnder(int ancestor) => ProcessTable.All()
        .Where(p => p.CommandLine.Contains("--exit-on-stdin-eof", StringComparison.Ordinal) && ProcessTable.HasAncestor(p.Pid, ancestor))
        .Select(p => p.Pid);

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
