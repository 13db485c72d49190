using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using ConnStorm.Results;

namespace ConnStorm.Tests.Cluster;

/// <summary>
/// The simulated-hosts rig the cluster tests stand on, proven without the agent command: each agent
/// namespace is a host of its own (its address, its port range), the one target is reachable from all of
/// them, nats-server is real and restartable, and nothing outlives the rig.
/// </summary>
/// <remarks>In the end-to-end collection: its runs start workers, which other end-to-end tests count as leftovers.</remarks>
[SupportedOSPlatform("linux")]
[Collection(EndToEndCollection.Name)]
public sealed class ClusterRigTests
{
    private const int RangeSize = 500;

    [ClusterRigFact]
    public void Each_agent_namespace_holds_its_own_port_range_to_the_one_target_and_together_they_hold_three_ranges()
    {
        var rig = new ClusterRig(new ClusterRigOptions { Agents = 3, PortRange = "40000 40499" });
        IReadOnlyList<string> left;
        try
        {
            using var dir = new TempDir();
            // No lab: each run uses the namespace it is started in, so its port range is the simulated host's.
            // The hold outlasts a slow start of the other runs on a busy machine, so the sink sees all three at once.
            File.WriteAllText(dir.File("scenario.yaml"), $"""
                name: rig-proof
                description: one simulated host against the rig's one target
                targets: ["{ClusterRig.Target}"]
                load:
                  connections: 600
                  concurrency: 256
                  hold: 6s
                  stop_on: first_failure
                """);
            var runs = Enumerable.Range(1, 3)
                .Select(i => Task.Run(() => rig.ExecConnStorm(rig.AgentNamespace(i), TimeSpan.FromSeconds(120),
                    "run", dir.File("scenario.yaml"), "--out", dir.File($"a{i}"), "--plain")))
                .ToArray();
            int mostHeldBySink = MostEstablishedAtSinkWhile(rig, runs);
            Task.WaitAll(runs, TimeSpan.FromSeconds(150));

            for (int i = 1; i <= 3; i++)
            {
                var r = runs[i - 1].Result;
                Assert.True(r.Succeeded, $"agent {i}: exit {r.ExitCode}: {r.StdOut}{r.StdErr}");
                var row = RunsCsv.Read(Path.Combine(dir.File($"a{i}"), "runs.csv")).Single();
                Assert.Equal(RangeSize, row.PortRangeSize);
                Assert.Equal(RangeSize, row.MaxEstablished);
                Assert.Equal("EADDRNOTAVAIL", row.FirstFailureErrno);
                // Every connection left from the namespace's own address, never another host's.
                var sources = File.ReadAllLines(Path.Combine(dir.File($"a{i}"), "connections.csv")).Skip(1)
                    .Select(l => l.Split(',')[2])
                    .ToList();
                Assert.Equal(RangeSize, sources.Count);
                Assert.All(sources, s => Assert.StartsWith(ClusterRig.AgentAddress(i) + ":", s, StringComparison.Ordinal));
            }
            // The rule is range x 1 destination per host, so three hosts hold three ranges to the same address:port.
            Assert.Equal(3 * RangeSize, mostHeldBySink);
            Assert.False(rig.Sink!.HasExited, rig.Sink.Describe());
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
    public void Nats_server_is_reachable_from_every_agent_namespace_and_from_the_test_process()
    {
        using var rig = new ClusterRig(new ClusterRigOptions { Agents = 2, StartSink = false });
        for (int i = 1; i <= 2; i++)
        {
            Assert.StartsWith("INFO ", NatsGreeting(rig, rig.AgentNamespace(i)), StringComparison.Ordinal);
        }
        Assert.Equal($"nats://198.18.0.1:{rig.NatsPort}", rig.NatsUrl);
        var uplink = new Uri(rig.HostNatsUrl);
        using var client = new System.Net.Sockets.TcpClient();
        Assert.True(client.ConnectAsync(uplink.Host, uplink.Port).Wait(TimeSpan.FromSeconds(5)), $"{rig.HostNatsUrl} from the host");
    }

    [ClusterRigFact]
    public void Restarting_nats_server_takes_it_away_and_brings_it_back_on_the_same_address_and_port()
    {
        var rig = new ClusterRig(new ClusterRigOptions { Agents = 1, StartSink = false });
        IReadOnlyList<string> left;
        try
        {
            int before = rig.Nats!.Pid;
            rig.StopNats();
            Assert.True(rig.Nats.HasExited);
            Assert.Null(NatsGreetingOrNull(rig, rig.AgentNamespace(1)));

            rig.StartNats();
            Assert.NotEqual(before, rig.Nats.Pid);
            Assert.StartsWith("INFO ", NatsGreeting(rig, rig.AgentNamespace(1)), StringComparison.Ordinal);

            rig.RestartNats(TimeSpan.FromMilliseconds(200));
            Assert.StartsWith("INFO ", NatsGreeting(rig, rig.AgentNamespace(1)), StringComparison.Ordinal);
        }
        finally
        {
            rig.Dispose();
            left = rig.WhatIsLeft();
        }
        Assert.Empty(left);
    }

    [ClusterRigFact]
    public void A_started_agent_runs_in_its_namespace_with_the_rigs_nats_url_and_its_name_and_dispose_stops_it()
    {
        var rig = new ClusterRig(new ClusterRigOptions { Agents = 1, StartSink = false });
        IReadOnlyList<string> left;
        try
        {
            var agent = rig.StartAgent(1, "--nats-user", "u");

            Assert.Equal(["netns", "exec", rig.AgentNamespace(1)], agent.Command.Skip(1).Take(3));
            Assert.Equal(["agent", "--nats", rig.NatsUrl, "--name", "agent-1", "--nats-user", "u"], agent.Command.SkipWhile(a => a != "agent"));
            Assert.Contains(agent, rig.Agents);
        }
        finally
        {
            rig.Dispose();
            left = rig.WhatIsLeft();
        }
        Assert.Empty(left);
    }

    [ClusterRigFact]
    public void Removing_stale_rigs_deletes_the_namespaces_links_and_processes_of_a_dead_owner_only()
    {
        int dead = TestNamespaces.UnusedPid();
        string ns = $"connstorm-rig-{dead}-0-br";
        string link = $"csr{dead}-0";
        string mine = $"connstorm-rig-{Environment.ProcessId}-999-br";
        TestNamespaces.AddRaw(ns);
        TestNamespaces.AddRaw(mine);
        Process? orphan = null;
        try
        {
            Assert.True(TestNamespaces.Ip("link", "add", link, "type", "veth", "peer", "name", "up0", "netns", ns).Succeeded);
            orphan = Process.Start(new ProcessStartInfo("ip", ["netns", "exec", ns, "sleep", "30"]));
            Assert.NotNull(orphan);

            var removed = ClusterRig.RemoveStale();

            Assert.Contains(ns, removed);
            Assert.Contains(link, removed);
            Assert.DoesNotContain(mine, removed);
            Assert.DoesNotContain(ns, TestNamespaces.List());
            Assert.Contains(mine, TestNamespaces.List());
            Assert.True(orphan.WaitForExit(TimeSpan.FromSeconds(5)));
            Assert.False(TestNamespaces.Ip("link", "show", link).Succeeded);
        }
        finally
        {
            if (orphan is { HasExited: false })
            {
                orphan.Kill();
            }
            orphan?.Dispose();
            TestNamespaces.DeleteIfPresent(ns);
            TestNamespaces.DeleteIfPresent(mine);
            TestNamespaces.Ip("link", "del", link);
        }
    }

    /// <summary>Polls the sink's established sockets (ss in the target namespace) until the runs end; the highest count seen.</summary>
    private static int MostEstablishedAtSinkWhile(ClusterRig rig, Task[] runs)
    {
        int most = 0;
        var watch = Stopwatch.StartNew();
        while (!runs.All(t => t.IsCompleted) && watch.Elapsed < TimeSpan.FromSeconds(150))
        {
            var ss = rig.Exec(rig.TargetNamespace, TimeSpan.FromSeconds(10), "ss", "-Htn", "state", "established", "sport", "=", $":{ClusterRig.TargetPort}");
            if (ss.Succeeded)
            {
                most = Math.Max(most, ss.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
            }
            Thread.Sleep(200);
        }
        return most;
    }

    private static string NatsGreeting(ClusterRig rig, string ns) =>
        NatsGreetingOrNull(rig, ns) ?? throw new Xunit.Sdk.XunitException($"no NATS INFO greeting at {rig.NatsUrl} from {ns}");

    /// <summary>The first line nats-server sends a new client (INFO {...}), read by bash inside <paramref name="ns"/>; null when it cannot connect.</summary>
    private static string? NatsGreetingOrNull(ClusterRig rig, string ns)
    {
        string script = $"exec 3<>/dev/tcp/{ClusterRig.BridgeAddress}/{rig.NatsPort.ToString(CultureInfo.InvariantCulture)} && read -r -t 5 line <&3 && printf '%s' \"$line\"";
        var r = rig.Exec(ns, TimeSpan.FromSeconds(15), "bash", "-c", script);
        return r.Succeeded && r.StdOut.Length > 0 ? r.StdOut : null;
    }
}
