using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using System.Text.Json;
using ConnStorm.Cluster;
using ConnStorm.Errors;
using ConnStorm.Platform;
using ConnStorm.Results;
using NATS.Client.Core;

namespace ConnStorm.Tests.Cluster;

/// <summary>
/// The faults on simulated hosts: three agent namespaces with 500-port ranges against the rig's
/// one sink (198.18.0.10:9000), a real nats-server on the bridge, the coordinator in this process's
/// namespace (over the rig's uplink). An agent killed mid-run, nats-server restarted between runs, a bad
/// plan published straight to an agent; each time the rest of the fleet still measures, and nothing the
/// test started outlives it.
/// </summary>
/// <remarks>In the end-to-end collection: its runs start workers, which other end-to-end tests count as leftovers.</remarks>
[SupportedOSPlatform("linux")]
[Collection(EndToEndCollection.Name)]
public sealed class ClusterRigFaultTests
{
    private const int RangeSize = 500;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan AgentStart = TimeSpan.FromSeconds(30);

    private static string Scenario => Path.Combine(ConnStormCli.RepoRoot, "scenarios", "cluster-one-vip.yaml");

    [ClusterRigFact]
    public void An_agent_killed_mid_run_gives_a_partial_run_that_names_it_while_the_other_hosts_data_is_complete_and_nothing_is_left()
    {
        using var temp = new TempDir();
        var rig = new ClusterRig(new ClusterRigOptions { Agents = 3, PortRange = "40000 40499" });
        IReadOnlyList<string> left;
        try
        {
            StartAgents(rig);
            var victim = rig.Agents[1];
            string outDir = temp.File("out");
            int heldAtKill = 0;
            var killedUtc = DateTime.MinValue;
            // A hold long enough that the kill lands while the fleet holds its connections; the survivors' runs still end on their own.
            var r = ConnStormCli.Run(ConnStormCli.StartInfo(["run", Scenario, "--cluster", rig.HostNatsUrl, "--agents", "3", "--agents-wait", "30",
                "--set", "load.hold=8s", "--out", outDir, "--plain"]), Bound, (_, stdout) =>
            {
                // The streamed progress has every host reporting, and the sink holds more than one host's range: the fleet is connected.
                Assert.True(Poll(() => stdout().Contains("3 hosts reporting", StringComparison.Ordinal), TimeSpan.FromSeconds(40)), stdout());
                Assert.True(Poll(() => (heldAtKill = EstablishedAtSink(rig)) > RangeSize, TimeSpan.FromSeconds(10)), $"the sink held {heldAtKill}");
                victim.Signal(Signals.SIGKILL);
                killedUtc = DateTime.UtcNow;
            });

            Assert.True(r.ExitCode == ExitCodes.Partial, r.Stdout + r.Stderr);
            Assert.Contains("agent-2", r.Stderr, StringComparison.Ordinal);
            Assert.True(victim.WaitForExit(TimeSpan.FromSeconds(5)));

            var run = ClusterFile.Read(Path.Combine(outDir, ResultFiles.Cluster)).Runs.Single();
            var lost = run.Hosts.Single(h => h.Name == "agent-2");
            Assert.Equal(HostStatus.Lost, lost.Status);
            Assert.NotNull(lost.LostAtMs);
            // Last heard of after the start (it streamed samples) and at most a sample period or so before the kill.
            double killedAtMs = (killedUtc - run.StartUtc).TotalMilliseconds;
            Assert.InRange(lost.LostAtMs!.Value, 0, killedAtMs + 100);
            Assert.True(lost.LostAtMs >= killedAtMs - 1000, $"lost at {lost.LostAtMs} ms, killed at {killedAtMs:0} ms");
            Assert.All(run.Hosts.Where(h => h.Name != "agent-2"), h => Assert.Equal(HostStatus.Complete, h.Status));
            var hostRows = HostsCsv.Read(Path.Combine(outDir, ResultFiles.Hosts));
            var lostRow = hostRows.Single(h => h.Host == "agent-2");
            Assert.Equal((HostStatus.Lost, lost.LostAtMs), (lostRow.Status, lostRow.LostAtMs));
            Assert.All(hostRows.Where(h => h.Host != "agent-2"), h => Assert.Equal((HostStatus.Complete, (double?)null), (h.Status, h.LostAtMs)));
            string summary = File.ReadAllText(Path.Combine(outDir, ResultFiles.Summary));
            Assert.Contains("**partial**: agent-2 (lost at ", summary, StringComparison.Ordinal);

            // The survivors held their whole range, and the merged files are theirs: SIGKILL hands nothing over.
            string[] survivors = ["agent-1", "agent-3"];
            var rows = survivors.Select(h => RunsCsv.Read(Path.Combine(outDir, ResultFiles.HostsDir, h, ResultFiles.Runs)).Single()).ToList();
            Assert.All(rows, h => Assert.Equal((RangeSize, RangeSize, "EADDRNOTAVAIL"), (h.PortRangeSize, h.MaxEstablished, h.FirstFailureErrno)));
            string victimFiles = Path.Combine(outDir, ResultFiles.HostsDir, "agent-2");
            Assert.Empty(Directory.Exists(victimFiles) ? Directory.GetFiles(victimFiles, "*", SearchOption.AllDirectories) : []);
            var merged = RunsCsv.Read(Path.Combine(outDir, ResultFiles.Runs)).Single();
            Assert.Equal(rows.Sum(h => h.Attempted), merged.Attempted);
            Assert.Equal(rows.Sum(h => h.Established), merged.Established);
            Assert.Equal(rows.Sum(h => h.Failures), merged.Failures);
            var model = ResultsModel.Open(outDir);
            var hosts = survivors.Select(h => ResultsModel.Open(Path.Combine(outDir, ResultFiles.HostsDir, h))).ToList();
            Assert.Equal(hosts.Sum(h => h.Timeline(h.Runs[0])[^1].EstablishedTotal), model.Timeline(merged)[^1].EstablishedTotal);
            Assert.Equal(hosts.Sum(h => h.Failures(h.Runs[0]).Count), model.Failures(merged).Count);
            Assert.Equal(hosts.Sum(h => h.Connections(h.Runs[0]).Count), model.Connections(merged).Count);

            // What the killed agent left: its workers see their stdin close and end, and it made no lab.
            // (The rig's own sink, also a `sink --exit-on-stdin-eof`, stays until the rig goes.)
            IReadOnlyList<string> RunsLeftovers() => Leftovers.ExperimentProcesses().Where(p => !p.StartsWith($"{rig.Sink!.Pid}:", StringComparison.Ordinal)).ToList();
            Assert.True(Poll(() => RunsLeftovers().Count == 0, TimeSpan.FromSeconds(15)), string.Join('\n', RunsLeftovers()));
            Assert.DoesNotContain(rig.WhatIsLeft(), l => l.StartsWith("lab namespace", StringComparison.Ordinal));
        }
        finally
        {
            rig.Dispose();
            left = rig.WhatIsLeft();
        }
        Assert.Empty(left);
        Assert.Empty(Leftovers.ExperimentProcesses());
    }

    [ClusterRigFact]
    public void After_nats_server_restarts_between_two_runs_the_agents_reconnect_and_the_second_run_holds_three_ranges()
    {
        using var temp = new TempDir();
        var rig = new ClusterRig(new ClusterRigOptions { Agents = 3, PortRange = "40000 40499" });
        IReadOnlyList<string> left;
        try
        {
            StartAgents(rig);
            var first = FleetRun(rig, temp.File("first"));
            Assert.True(first.ExitCode == ExitCodes.Ran, first.Stdout + first.Stderr);

            rig.RestartNats(TimeSpan.FromMilliseconds(500));
            Assert.True(Poll(() => rig.Agents.All(a => Connects(a) >= 2), TimeSpan.FromSeconds(30)),
                string.Join('\n', rig.Agents.Select(a => a.Describe())));
            Assert.All(rig.Agents, a => Assert.False(a.HasExited, a.Describe()));

            var second = FleetRun(rig, temp.File("second"));
            Assert.True(second.ExitCode == ExitCodes.Ran, second.Stdout + second.Stderr);
            var merged = RunsCsv.Read(Path.Combine(temp.File("second"), ResultFiles.Runs)).Single();
            Assert.Equal(3 * RangeSize, merged.MaxEstablished);
            Assert.All(ClusterFile.Read(Path.Combine(temp.File("second"), ResultFiles.Cluster)).Runs.Single().Hosts,
                h => Assert.Equal(HostStatus.Complete, h.Status));
        }
        finally
        {
            rig.Dispose();
            left = rig.WhatIsLeft();
        }
        Assert.Empty(left);
        Assert.Empty(Leftovers.ExperimentProcesses());
    }

    [ClusterRigFact]
    public async Task A_plan_with_a_bad_field_published_to_an_agent_is_refused_with_a_reason_and_the_agent_then_serves_a_fleet_run()
    {
        using var temp = new TempDir();
        var rig = new ClusterRig(new ClusterRigOptions { Agents = 3, PortRange = "40000 40499" });
        IReadOnlyList<string> left;
        try
        {
            StartAgents(rig);
            var agent = rig.Agents[0];
            var json = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
            await using (var client = new NatsConnection(new NatsSettings(rig.HostNatsUrl).ToOpts("rig-fault-test")))
            {
                await client.ConnectAsync();
                async Task<PlanReply> Send(string scenarioJson)
                {
                    var body = JsonSerializer.SerializeToUtf8Bytes(new Plan("bad-1", 1, ".", scenarioJson), json);
                    var reply = await client.RequestAsync<byte[], byte[]>(Subjects.Plan("agent-1"), body, replyOpts: new NatsSubOpts { Timeout = TimeSpan.FromSeconds(10) });
                    return JsonSerializer.Deserialize<PlanReply>(reply.Data!, json)!;
                }

                var badField = await Send($$$"""{"name": "x", "targets": ["{{{ClusterRig.Target}}}"], "load": {"connections": -5}}""");

                Assert.False(badField.Accepted);
                Assert.Contains("load.connections", badField.Reason, StringComparison.Ordinal);
            }
            Assert.True(agent.WaitForLine(l => l.Contains("refused a plan", StringComparison.Ordinal), TimeSpan.FromSeconds(5)), agent.Describe());
            Assert.False(agent.HasExited, agent.Describe());
            // Nothing ran for the refused plan.
            Assert.Equal(0, EstablishedAtSink(rig));

            var good = FleetRun(rig, temp.File("good"));

            Assert.True(good.ExitCode == ExitCodes.Ran, good.Stdout + good.Stderr + agent.Describe());
            Assert.Equal(3 * RangeSize, RunsCsv.Read(Path.Combine(temp.File("good"), ResultFiles.Runs)).Single().MaxEstablished);
            Assert.Equal(RangeSize, RunsCsv.Read(Path.Combine(temp.File("good"), ResultFiles.HostsDir, "agent-1", ResultFiles.Runs)).Single().MaxEstablished);
        }
        finally
        {
            rig.Dispose();
            left = rig.WhatIsLeft();
        }
        Assert.Empty(left);
        Assert.Empty(Leftovers.ExperimentProcesses());
    }

    /// <summary>Agents 1..3 in their namespaces, each waited on until it serves.</summary>
    private static void StartAgents(ClusterRig rig)
    {
        for (int i = 1; i <= 3; i++)
        {
            rig.StartAgent(i);
        }
        foreach (var a in rig.Agents)
        {
            Assert.True(a.WaitForLine(l => l.Contains("serving on", StringComparison.Ordinal), AgentStart), a.Describe());
        }
    }

    /// <summary>scenarios/cluster-one-vip.yaml on the three agents, with a short hold: each host still overlaps the others at the sink.</summary>
    private static ConnStormCli.Result FleetRun(ClusterRig rig, string outDir) =>
        ConnStormCli.Run(Bound, "run", Scenario, "--cluster", rig.HostNatsUrl, "--agents", "3", "--agents-wait", "30",
            "--set", "load.hold=2s", "--out", outDir, "--plain");

    private static int Connects(RigProcess agent) =>
        (agent.Stdout + agent.Stderr).Split('\n').Count(l => l.Contains(": connected to", StringComparison.Ordinal));

    /// <summary>Established sockets on the sink's port, counted by ss in the target namespace.</summary>
    private static int EstablishedAtSink(ClusterRig rig)
    {
        var ss = rig.Exec(rig.TargetNamespace, TimeSpan.FromSeconds(10), "ss", "-Htn", "state", "established", "sport", "=",
            $":{ClusterRig.TargetPort.ToString(CultureInfo.InvariantCulture)}");
        return ss.Succeeded ? ss.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length : 0;
    }

    private static bool Poll(Func<bool> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (condition())
            {
                return true;
            }
            Thread.Sleep(200);
        }
        return condition();
    }
}
