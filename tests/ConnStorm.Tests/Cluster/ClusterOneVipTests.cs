using System.Runtime.Versioning;
using ConnStorm.Results;

namespace ConnStorm.Tests.Cluster;

/// <summary>
/// The issue's own experiment on simulated hosts: three agent namespaces with 500-port ranges, each
/// its own address on the rig's bridge, against one target address:port. One host is bounded by its
/// range to that destination; the fleet holds the sum, and the merged files add up to the hosts'.
/// </summary>
/// <remarks>
/// Runs scenarios/cluster-one-vip.yaml as committed. With CONNSTORM_CLUSTER_EXAMPLE_OUT=DIR the fleet run
/// writes its results folder there (how results/cluster-one-vip/ was made).
/// </remarks>
[SupportedOSPlatform("linux")]
[Collection(EndToEndCollection.Name)]
public sealed class ClusterOneVipTests
{
    private const int RangeSize = 500;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(240);

    private static string Scenario => Path.Combine(ConnStormCli.RepoRoot, "scenarios", "cluster-one-vip.yaml");

    [ClusterRigFact]
    public void Three_hosts_hold_three_port_ranges_to_one_address_where_one_host_holds_one_and_the_merged_files_add_up()
    {
        using var temp = new TempDir();
        var rig = new ClusterRig(new ClusterRigOptions { Agents = 3, PortRange = "40000 40499" });
        IReadOnlyList<string> left;
        try
        {
            for (int i = 1; i <= 3; i++)
            {
                rig.StartAgent(i);
            }
            string fleetOut = Environment.GetEnvironmentVariable("CONNSTORM_CLUSTER_EXAMPLE_OUT") is { Length: > 0 } example
                ? Path.GetFullPath(example, ConnStormCli.RepoRoot)
                : temp.File("fleet");
            var fleet = ConnStormCli.Run(Bound, "run", Scenario, "--cluster", rig.HostNatsUrl, "--agents", "3", "--agents-wait", "60", "--out", fleetOut, "--plain");
            // The same scenario on one of those hosts alone: 600 attempts there too (an explicit count).
            var alone = ConnStormCli.Run(Bound, "run", Scenario, "--cluster", rig.HostNatsUrl, "--agent", "agent-1", "--agents-wait", "60",
                "--set", "load.connections=600", "--out", temp.File("alone"), "--plain");

            Assert.True(fleet.ExitCode == 0, fleet.Stdout + fleet.Stderr);
            Assert.True(alone.ExitCode == 0, alone.Stdout + alone.Stderr);
            var one = RunsCsv.Read(Path.Combine(temp.File("alone"), ResultFiles.Runs)).Single();
            Assert.Equal(RangeSize, one.MaxEstablished);
            Assert.Equal("EADDRNOTAVAIL", one.FirstFailureErrno);

            var merged = RunsCsv.Read(Path.Combine(fleetOut, ResultFiles.Runs)).Single();
            var hosts = Enumerable.Range(1, 3).Select(i => RunsCsv.Read(Path.Combine(fleetOut, ResultFiles.HostsDir, $"agent-{i}", ResultFiles.Runs)).Single()).ToList();
            Assert.All(hosts, h => Assert.Equal((RangeSize, RangeSize, "EADDRNOTAVAIL"), (h.PortRangeSize, h.MaxEstablished, h.FirstFailureErrno)));
            // range x 1 destination per host, three hosts: three ranges held at once to the one address:port.
            Assert.Equal(3 * RangeSize, merged.MaxEstablished);
            Assert.Equal(hosts.Sum(h => h.Attempted), merged.Attempted);
            Assert.Equal(hosts.Sum(h => h.Failures), merged.Failures);
            Assert.Equal(hosts.Sum(h => h.Established), merged.Established);

            // timeline.csv, failures.csv and connections.csv add up to the hosts' files.
            var model = ResultsModel.Open(fleetOut);
            var hostFolders = Enumerable.Range(1, 3).Select(i => ResultsModel.Open(Path.Combine(fleetOut, ResultFiles.HostsDir, $"agent-{i}"))).ToList();
            Assert.Equal(hostFolders.Sum(h => h.Timeline(h.Runs[0]).Sum(r => r.Failures)), model.Timeline(merged).Sum(r => r.Failures));
            Assert.Equal(hostFolders.Sum(h => h.Timeline(h.Runs[0])[^1].EstablishedTotal), model.Timeline(merged)[^1].EstablishedTotal);
            Assert.Equal(hostFolders.Sum(h => h.Failures(h.Runs[0]).Count), model.Failures(merged).Count);
            var connections = model.Connections(merged);
            Assert.Equal(hostFolders.Sum(h => h.Connections(h.Runs[0]).Count), connections.Count);
            // The 4-tuple rule: every connection is a distinct (source ip:port, target) pair across the fleet.
            Assert.Equal(connections.Count, connections.Select(c => (c.Source, c.Target)).Distinct().Count());
            Assert.Equal(3, connections.Select(c => c.Source.Split(':')[0]).Distinct().Count());

            var cluster = ClusterFile.Read(Path.Combine(fleetOut, ResultFiles.Cluster));
            Assert.Equal(["agent-1", "agent-2", "agent-3"], cluster.Hosts.Select(h => h.Name).Order());
            Assert.All(cluster.Runs.Single().Hosts, h => Assert.Equal(HostStatus.Complete, h.Status));
            Assert.True(File.Exists(Path.Combine(fleetOut, ResultFiles.Hosts)));
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
