using ConnStorm.Proxy;
using ConnStorm.Results;

namespace ConnStorm.Tests.EndToEnd;

/// <summary>
/// HAProxy in the lab with a 20-port range: its upstream side needs a local port per (source,
/// backend), so it carries range × backends echoed connections and fails the rest.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ProxyTests : IDisposable
{
    private const string Range = "40000 40019";
    private const int RangeSize = 20;
    private readonly string _dir = Directory.CreateTempSubdirectory("connstorm-proxy-").FullName;

    private (ConnStormCli.Result Cli, string Out) Run(int backends, int connections, string outName = "")
    {
        string file = Path.Combine(_dir, $"proxy-{backends}.yaml");
        File.WriteAllText(file, $"""
            name: proxy-e2e
            lab:
              sysctl:
                net.ipv4.ip_local_port_range: "{Range}"
            sink:
              listen: ["127.0.0.2-127.0.0.5:9000"]
              mode: echo
            proxy:
              listen: "127.0.0.1:8000"
              backends: ["127.0.0.2-127.0.0.{1 + backends}:9000"]
            targets: ["127.0.0.1:8000"]
            client:
              # The clients share the lab's 20 ports: 16 source addresses give them 320, so only the proxy runs out.
              bind_before_connect: true
              bind_address_no_port: true
              source_ips: ["127.0.1.1-127.0.1.16"]
              verify: echo
            load:
              connections: {connections}
              concurrency: 16
              stop_on: never
              time_limit: 30s
            """);
        string outDir = Path.Combine(_dir, outName is "" ? $"out-{backends}" : outName);
        return (ConnStormCli.Run(TimeSpan.FromSeconds(90), "run", file, "--out", outDir, "--plain"), outDir);
    }

    /// <summary>HAProxy's upstream connections each need a local port per (source address, backend address:port).</summary>
    private static long Rule(int backends, int sources = 1) => (long)RangeSize * backends * sources;

    [HaproxyFact]
    public void A_results_folder_too_deep_for_HAProxy_s_socket_path_still_runs_with_the_socket_elsewhere()
    {
        // HAProxy 2.6 refuses a stats socket path over 97 characters (sun_path is 108): a socket path of
        // exactly 98, as results/<scenario>/<timestamp>/runs/<id>/ in a checkout made, is the edge.
        const string Socket = "/haproxy.sock";
        var deep = new string('d', 98 - Socket.Length - _dir.Length - 1);

        var (cli, outDir) = Run(backends: 1, connections: 20, outName: deep);

        Assert.Equal(98, (outDir + Socket).Length);
        Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);
        Assert.Equal(Rule(1), RunsCsv.Read(Path.Combine(outDir, "runs.csv")).Single().MaxEstablished);
    }

    [HaproxyFact]
    public void OneBackend_CarriesOneRangeOfEchoedConnections_AndRecordsTheRestAsVerifyFailures()
    {
        var (cli, outDir) = Run(backends: 1, connections: 60);

        Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);
        var row = RunsCsv.Read(Path.Combine(outDir, "runs.csv")).Single();
        Assert.Equal(Rule(1), row.MaxEstablished);
        Assert.Equal(60 - Rule(1), row.Failures);
        Assert.Equal("verify", row.FirstFailurePhase);
        Assert.Contains(row.FirstFailureErrno, new[] { "EOF", "ECONNRESET" });
        Assert.Equal(1, row.ProxyBackends);
        Assert.Equal("none", row.ProxySource);
        Assert.Equal(60 - Rule(1), row.ProxyConnErrors);
        Assert.Contains("no free ports", File.ReadAllText(Path.Combine(outDir, "summary.md")), StringComparison.Ordinal);
        foreach (var file in new[] { HaproxyConfig.FileName, HaproxyLog.FileName, ProxyStats.FileName })
        {
            Assert.True(File.Exists(Path.Combine(outDir, file)), file);
        }
        AssertNothingLeftBehind(cli, outDir);
    }

    [HaproxyFact]
    public void FourBackends_CarryFourRanges()
    {
        var (cli, outDir) = Run(backends: 4, connections: 120);

        Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);
        var row = RunsCsv.Read(Path.Combine(outDir, "runs.csv")).Single();
        Assert.Equal(Rule(4), row.MaxEstablished);
        Assert.Equal(4 * Rule(1), row.MaxEstablished);
        Assert.Equal(120 - Rule(4), row.Failures);
        Assert.Equal(4, row.ProxyBackends);
        var backend = ProxyStats.Parse("# pxname,svname,scur,smax,stot,econ,eresp,wretr,wredis,status\n"
            + string.Join('\n', File.ReadAllLines(Path.Combine(outDir, ProxyStats.FileName)).Skip(1))).Single(r => r.IsBackend);
        Assert.Equal(120, backend.Stot);
        AssertNothingLeftBehind(cli, outDir);
    }

    private static void AssertNothingLeftBehind(ConnStormCli.Result cli, string outDir)
    {
        Assert.Empty(Leftovers.NamespacesOf(cli.Pid));
        Assert.Empty(Leftovers.ExperimentProcesses());
        // No haproxy of this run: its command line names the run's own haproxy.cfg.
        string cfg = Path.Combine(Path.GetFullPath(outDir), HaproxyConfig.FileName);
        var alive = ProcessTable.All()
            .Where(p => p.CommandLine.Contains("haproxy", StringComparison.Ordinal) && p.CommandLine.Contains(cfg, StringComparison.Ordinal))
            .ToList();
        Assert.Empty(alive);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
