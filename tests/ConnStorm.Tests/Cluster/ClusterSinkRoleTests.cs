using System.Runtime.Versioning;
using ConnStorm.Results;

namespace ConnStorm.Tests.Cluster;

/// <summary>
/// A rig made only of agents: no standalone sink in the target namespace, an agent there in the sink role
/// (scenarios/cluster-agents-only.yaml as committed), three load agents against it.
/// </summary>
[SupportedOSPlatform("linux")]
[Collection(EndToEndCollection.Name)]
public sealed class ClusterSinkRoleTests
{
    private const int RangeSize = 500;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(240);

    private static string Scenario => Path.Combine(ConnStormCli.RepoRoot, "scenarios", "cluster-agents-only.yaml");

    [ClusterRigFact]
    public void An_agent_in_the_sink_role_serves_the_target_and_the_fleet_holds_three_port_ranges_to_it()
    {
        using var temp = new TempDir();
        var rig = new ClusterRig(new ClusterRigOptions { Agents = 3, PortRange = "40000 40499", StartSink = false });
        IReadOnlyList<string> left;
        try
        {
            rig.StartAgentIn(rig.TargetNamespace, "target");
            for (int i = 1; i <= 3; i++)
            {
                rig.StartAgent(i);
            }
            string dir = temp.File("fleet");
            // No --agents: the coordinator waits for the four agents the scenario's cluster: section names.
            var fleet = ConnStormCli.Run(Bound, "run", Scenario, "--cluster", rig.HostNatsUrl, "--agents-wait", "60", "--out", dir, "--plain");

            Assert.True(fleet.ExitCode == 0, fleet.Stdout + fleet.Stderr);
            var merged = RunsCsv.Read(Path.Combine(dir, ResultFiles.Runs)).Single();
            Assert.Equal(3 * RangeSize, merged.MaxEstablished);
            Assert.Equal("EADDRNOTAVAIL", merged.FirstFailureErrno);

            var cluster = ClusterFile.Read(Path.Combine(dir, ResultFiles.Cluster));
            Assert.Equal("sink", cluster.Host("target")!.Role);
            Assert.All(cluster.Hosts.Where(h => h.Name != "target"), h => Assert.Equal("load", h.Role));
            var run = cluster.Runs.Single();
            // The attempts split covers the load agents only; the sink agent served from before the start to after the end.
            Assert.Equal(["agent-1", "agent-2", "agent-3"], run.Hosts.Select(h => h.Name).Order());
            Assert.Equal(1800, run.Hosts.Sum(h => h.Attempts));
            Assert.Equal(("target", HostStatus.Complete), (run.Sinks.Single().Name, run.Sinks.Single().Status));
            Assert.Contains("sink agent target listening on 198.18.0.10:9000", fleet.Stdout + fleet.Stderr, StringComparison.Ordinal);
            Assert.Contains("sink agent target served 198.18.0.10:9000", File.ReadAllText(Path.Combine(dir, "summary.md")), StringComparison.Ordinal);
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
    public void A_sink_agent_lost_mid_run_makes_the_run_partial_and_names_it()
    {
        using var temp = new TempDir();
        var rig = new ClusterRig(new ClusterRigOptions { Agents = 1, StartSink = false });
        IReadOnlyList<string> left;
        try
        {
            var target = rig.StartAgentIn(rig.TargetNamespace, "target");
            rig.StartAgent(1);
            string dir = temp.File("fleet");
            string scenario = temp.File("lost-sink.yaml");
            File.WriteAllText(scenario, """
                name: lost-sink
                targets: ["198.18.0.10:9000"]
                cluster: { hosts: { target: { role: sink, listen: ["198.18.0.10:9000"] }, agent-1: } }
                client: { close: client-rst }
                load: { connections: 200, hold: 20s }
                """);
            var coordinator = Task.Run(() => ConnStormCli.Run(Bound, "run", scenario, "--cluster", rig.HostNatsUrl, "--agents-wait", "60", "--out", dir, "--plain"));
            // Killed once it serves: SIGKILL, so it cannot say goodbye.
            Assert.True(target.WaitForLine(l => l.Contains("in the sink role", StringComparison.Ordinal), TimeSpan.FromSeconds(90)), target.Describe());
            Thread.Sleep(2000);
            target.Signal(9);
            var r = coordinator.Wait(Bound) ? coordinator.Result : throw new TimeoutException("the coordinator did not end");

            Assert.True(r.ExitCode == 4, r.Stdout + r.Stderr);
            var sink = ClusterFile.Read(Path.Combine(dir, ResultFiles.Cluster)).Runs.Single().Sinks.Single();
            Assert.Equal(("target", HostStatus.Lost), (sink.Name, sink.Status));
            Assert.Contains("sink agent target lost", r.Stderr + r.Stdout, StringComparison.Ordinal);
            Assert.Contains("sink agent target lost", File.ReadAllText(Path.Combine(dir, "summary.md")), StringComparison.Ordinal);
        }
        finally
        {
            rig.Dispose();
            left = rig.WhatIsLeft();
        }
        Assert.Empty(left);
        Assert.Empty(Leftovers.ExperimentProcesses());
    }
}
