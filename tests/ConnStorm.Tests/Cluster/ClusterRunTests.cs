using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text.Json;
using ConnStorm.Cluster;
using ConnStorm.Errors;
using ConnStorm.Results;
using ConnStorm.Tests.TestSupport;
using NATS.Client.Core;

namespace ConnStorm.Tests.Cluster;

/// <summary>
/// Cluster runs for real: a nats-server on 127.0.0.1, `connstorm agent` processes on loopback and the
/// coordinator (`connstorm run --cluster`) as the real CLI, against the embedded sink on 127.0.0.1.
/// </summary>
[Collection(EndToEndCollection.Name)]
[SupportedOSPlatform("linux")]
public sealed class ClusterRunTests(NatsServer nats) : IClassFixture<NatsServer>, IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);
    private readonly TempDir _temp = new();
    private readonly List<AgentProcess> _agents = [];

    private AgentProcess Agent(string name)
    {
        var a = AgentProcess.Start(nats.Url, name);
        _agents.Add(a);
        Assert.True(a.WaitFor("serving on", TimeSpan.FromSeconds(30)), a.Output);
        return a;
    }

    private string Scenario(int connections, string hold = "0s")
    {
        string path = _temp.File($"cluster-{Guid.NewGuid():N}.yaml");
        int port = FreePort();
        File.WriteAllText(path, $"""
            name: cluster-test
            sink: {"{"} listen: ["127.0.0.1:{port}"] {"}"}
            targets: ["127.0.0.1:{port}"]
            load: {"{"} connections: {connections}, hold: {hold} {"}"}
            """);
        return path;
    }

    private ConnStormCli.Result Coordinate(string scenario, string outDir, string[] agents, Action<System.Diagnostics.Process, Func<string>>? whileRunning = null) =>
        ConnStormCli.Run(ConnStormCli.StartInfo(["run", scenario, "--plain", "--out", outDir, "--cluster", nats.Url, "--agents-wait", "20",
            .. agents.SelectMany(a => new[] { "--agent", a })]), Bound, whileRunning);

    [SkippableFact]
    public void TwoAgents_AreDiscovered_AndTheMergedRunsCsvAddsUpTheHosts()
    {
        Skip.If(NatsServer.MissingReason is not null, NatsServer.MissingReason);
        Agent("d1");
        Agent("d2");
        string outDir = _temp.File("out");

        var r = ConnStormCli.Run(ConnStormCli.StartInfo(["run", Scenario(301), "--plain", "--out", outDir, "--cluster", nats.Url, "--agents", "2", "--agents-wait", "20"]), Bound, null);

        Assert.True(r.ExitCode == ExitCodes.Ran, r.Stdout + r.Stderr);
        var merged = RunsCsv.Read(Path.Combine(outDir, ResultFiles.Runs));
        var hostRows = new[] { "d1", "d2" }.Select(h => RunsCsv.Read(Path.Combine(outDir, ResultFiles.HostsDir, h, ResultFiles.Runs)).Single()).ToList();
        Assert.Equal(301, merged.Single().Attempted);
        Assert.Equal(hostRows.Sum(h => h.Attempted), merged.Single().Attempted);
        Assert.Equal([151L, 150L], hostRows.Select(h => h.Attempted));
        var doc = ClusterFile.Read(Path.Combine(outDir, ResultFiles.Cluster));
        Assert.Equal(["d1", "d2"], doc.Hosts.Select(h => h.Name));
        Assert.All(doc.Runs.Single().Hosts, h => Assert.Equal("complete", h.Status));
        foreach (string h in new[] { "d1", "d2" })
        {
            var manifest = ManifestWriter.Read(Path.Combine(outDir, ResultFiles.HostsDir, h, ResultFiles.Manifest));
            Assert.NotNull(manifest.ConnectStartedUtc);
            // One common start: each host began within a second of it (on loopback, within milliseconds).
            Assert.InRange((manifest.ConnectStartedUtc!.Value - doc.Runs[0].StartUtc).TotalMilliseconds, -5, 1000);
            // The first connect() is recorded, and the workers never begin before t = 0.
            Assert.NotNull(manifest.FirstAttemptUtc);
            Assert.InRange((manifest.FirstAttemptUtc!.Value - manifest.ConnectStartedUtc.Value).TotalMilliseconds, 0, 1000);
        }
    }

    [SkippableFact]
    public void AnAgentKilledMidRun_GivesExitCode4_AndClusterJsonNamesIt()
    {
        Skip.If(NatsServer.MissingReason is not null, NatsServer.MissingReason);
        Agent("k1");
        var victim = Agent("k2");
        string outDir = _temp.File("out");

        var r = Coordinate(Scenario(200, hold: "8s"), outDir, ["k1", "k2"], (_, stdout) =>
        {
            Assert.True(RunningSink.WaitUntil(() => stdout().Contains("start at", StringComparison.Ordinal), TimeSpan.FromSeconds(60)), stdout());
            Thread.Sleep(1500);
            victim.Kill();
        });

        Assert.True(r.ExitCode == ExitCodes.Partial, r.Stdout + r.Stderr);
        var run = ClusterFile.Read(Path.Combine(outDir, ResultFiles.Cluster)).Runs.Single();
        var lost = run.Hosts.Single(h => h.Name == "k2");
        Assert.Equal("lost", lost.Status);
        Assert.NotNull(lost.LostAtMs);
        Assert.Equal("complete", run.Hosts.Single(h => h.Name == "k1").Status);
        Assert.Equal(100, RunsCsv.Read(Path.Combine(outDir, ResultFiles.HostsDir, "k1", ResultFiles.Runs)).Single().Attempted);
        Assert.Contains("k2", r.Stderr, StringComparison.Ordinal);
        // The killed agent's workers and sink see their stdin close and end.
        Assert.True(RunningSink.WaitUntil(() => Leftovers.ExperimentProcesses().Count == 0, TimeSpan.FromSeconds(15)),
            string.Join('\n', Leftovers.ExperimentProcesses()));
    }

    [SkippableFact]
    public void NatsServerRestartedBetweenRuns_TheAgentsReconnectAndTheSecondRunWorks()
    {
        Skip.If(NatsServer.MissingReason is not null, NatsServer.MissingReason);
        var a = Agent("r1");
        var b = Agent("r2");
        var first = Coordinate(Scenario(100), _temp.File("out1"), ["r1", "r2"]);
        Assert.True(first.ExitCode == ExitCodes.Ran, first.Stdout + first.Stderr);

        nats.Stop();
        Thread.Sleep(500);
        nats.Start();
        Assert.True(RunningSink.WaitUntil(() => Connects(a) >= 2 && Connects(b) >= 2, TimeSpan.FromSeconds(30)), a.Output + b.Output);

        var second = Coordinate(Scenario(100), _temp.File("out2"), ["r1", "r2"]);
        Assert.True(second.ExitCode == ExitCodes.Ran, second.Stdout + second.Stderr);
        Assert.Equal(100, RunsCsv.Read(_temp.File("out2/runs.csv")).Single().Attempted);
    }

    private static int Connects(AgentProcess a) =>
        a.Output.Split('\n').Count(l => l.Contains(": connected to", StringComparison.Ordinal));

    [SkippableFact]
    public async Task APlanWithABadField_IsRefusedWithAReason_AndTheAgentAnswersTheNextGoodPlan()
    {
        Skip.If(NatsServer.MissingReason is not null, NatsServer.MissingReason);
        var agent = Agent("p1");
        await using (var client = new NatsConnection(new NatsSettings(nats.Url).ToOpts("test")))
        {
            await client.ConnectAsync();
            async Task<PlanReply> Send(byte[] body)
            {
                var reply = await client.RequestAsync<byte[], byte[]>(Subjects.Plan("p1"), body, replyOpts: new NatsSubOpts { Timeout = TimeSpan.FromSeconds(10) });
                return JsonSerializer.Deserialize<PlanReply>(reply.Data!, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower })!;
            }
            static byte[] PlanOf(string scenarioJson) => JsonSerializer.SerializeToUtf8Bytes(new Plan("t-1", 1, ".", scenarioJson),
                new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower });

            var badField = await Send(PlanOf("""{"name": "x", "targets": ["127.0.0.1:9"], "load": {"connections": -5}}"""));
            var outside = await Send(PlanOf("""{"name": "x", "targets": ["192.0.2.77:9"]}"""));
            var garbage = await Send("not json at all"u8.ToArray());

            Assert.False(badField.Accepted);
            Assert.Contains("load.connections", badField.Reason, StringComparison.Ordinal);
            Assert.False(outside.Accepted);
            Assert.Contains("192.0.2.77", outside.Reason, StringComparison.Ordinal);
            Assert.False(garbage.Accepted);
            Assert.Contains("not a plan", garbage.Reason, StringComparison.Ordinal);
        }
        Assert.False(agent.HasExited);

        var good = Coordinate(Scenario(50), _temp.File("out"), ["p1"]);
        Assert.True(good.ExitCode == ExitCodes.Ran, good.Stdout + good.Stderr + agent.Output);
    }

    [SkippableFact]
    public void CtrlCOnTheCoordinator_StopsTheAgentsShards_AndStillWritesResults()
    {
        Skip.If(NatsServer.MissingReason is not null, NatsServer.MissingReason);
        var a = Agent("c1");
        var b = Agent("c2");
        string outDir = _temp.File("out");

        var r = Coordinate(Scenario(100, hold: "60s"), outDir, ["c1", "c2"], (p, stdout) =>
        {
            Assert.True(RunningSink.WaitUntil(() => stdout().Contains("start at", StringComparison.Ordinal), TimeSpan.FromSeconds(60)), stdout());
            Thread.Sleep(1500);
            ConnStorm.Platform.Signals.Send(p.Id, 2); // SIGINT, as Ctrl-C
        });

        Assert.True(r.ExitCode == ExitCodes.Interrupted, r.Stdout + r.Stderr);
        Assert.Contains("the coordinator sent stop", a.Output, StringComparison.Ordinal);
        Assert.Contains("the coordinator sent stop", b.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(outDir, ResultFiles.Cluster)));
        Assert.Equal(100, RunsCsv.Read(Path.Combine(outDir, ResultFiles.Runs)).Single().Attempted);
        Assert.True(ManifestWriter.Read(Path.Combine(outDir, ResultFiles.Manifest)).Interrupted);
    }

    [SkippableFact]
    public void AMissingAgent_IsNamed_AndTheRunExitsThree()
    {
        Skip.If(NatsServer.MissingReason is not null, NatsServer.MissingReason);
        Agent("m1");

        var r = ConnStormCli.Run(Bound, "run", Scenario(10), "--out", _temp.File("out"), "--cluster", nats.Url, "--agent", "m1", "--agent", "ghost", "--agents-wait", "2");

        Assert.Equal(ExitCodes.EnvironmentCannotRun, r.ExitCode);
        Assert.Contains("agents missing after 2 s", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("ghost", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("answered: m1", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnreachableNatsServer_ExitsThree()
    {
        var r = ConnStormCli.Run(Bound, "run", Scenario(10), "--out", _temp.File("out"), "--cluster", $"nats://127.0.0.1:{FreePort()}", "--agents-wait", "2");

        Assert.Equal(ExitCodes.EnvironmentCannotRun, r.ExitCode);
        Assert.Contains("cannot connect to NATS", r.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--agent", "a1")]
    [InlineData("--nats-token", "x")]
    public void ClusterOptionsWithoutCluster_AreBadInput(string option, string value)
    {
        var r = ConnStormCli.Run(Bound, "run", Scenario(10), option, value);

        Assert.Equal(ExitCodes.BadInput, r.ExitCode);
        Assert.Contains("--cluster", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AClusterHostThatIsNotAnAgentAskedFor_IsBadInputNamingIt()
    {
        string path = _temp.File("named.yaml");
        File.WriteAllText(path, """
            name: named
            targets: ["127.0.0.1:9"]
            cluster: { hosts: { nobody: { source_ips: ["127.0.0.2"] } } }
            """);

        var r = ConnStormCli.Run(Bound, "run", path, "--cluster", "nats://127.0.0.1:9", "--agent", "a1");

        Assert.Equal(ExitCodes.BadInput, r.ExitCode);
        Assert.Contains("cluster.hosts.nobody", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ASinkHostThatIsNotAnAgentAskedFor_IsBadInputNamingIt()
    {
        string path = _temp.File("sink-named.yaml");
        File.WriteAllText(path, """
            name: sink-named
            targets: ["127.0.0.1:9"]
            cluster: { hosts: { target: { role: sink, listen: ["127.0.0.1:9"] } } }
            """);

        var r = ConnStormCli.Run(Bound, "run", path, "--cluster", "nats://127.0.0.1:9", "--agent", "a1", "--agent", "a2");

        Assert.Equal(ExitCodes.BadInput, r.ExitCode);
        Assert.Contains("cluster.hosts.target", r.Stderr, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        foreach (var a in _agents)
        {
            a.Dispose();
        }
        _temp.Dispose();
        Assert.Empty(Leftovers.AgentProcesses());
        Assert.True(RunningSink.WaitUntil(() => Leftovers.ExperimentProcesses().Count == 0, TimeSpan.FromSeconds(15)),
            string.Join('\n', Leftovers.ExperimentProcesses()));
    }
}
