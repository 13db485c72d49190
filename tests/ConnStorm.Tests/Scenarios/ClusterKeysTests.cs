using System.Net;
using ConnStorm.Scenarios;
using ConnStorm.Tests.TestSupport;

namespace ConnStorm.Tests.Scenarios;

public sealed class ClusterKeysTests
{
    private const string WithCluster = """
        name: c
        targets: ["198.18.0.1:9000"]
        cluster:
          hosts:
            a1: { source_ips: ["198.18.0.11", "198.18.0.12"] }
            a2: { targets: ["198.18.0.2:9000"] }
        """;

    [Fact]
    public void ClusterHosts_MapEachAgentToItsSourceIpsAndTargets()
    {
        var c = ScenarioText.Parse(WithCluster).Cluster!;

        Assert.Equal(["a1", "a2"], c.Hosts.Select(h => h.Name));
        Assert.Equal([IPAddress.Parse("198.18.0.11"), IPAddress.Parse("198.18.0.12")], c.Hosts[0].SourceIps);
        Assert.Equal([IPEndPoint.Parse("198.18.0.2:9000")], c.Hosts[1].Targets);
        Assert.Empty(c.Hosts[1].SourceIps);
    }

    [Fact]
    public void AnUnknownKeyUnderAHost_IsAnErrorAtItsLine()
    {
        var e = ScenarioText.Fails("""
            name: c
            targets: ["198.18.0.1:9000"]
            cluster:
              hosts:
                a1: { source_ip: ["198.18.0.11"] }
            """);

        Assert.Equal(5, e.Line);
        Assert.Contains("source_ip", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HostsMustBeAMappingOfNames()
    {
        var e = ScenarioText.Fails("""
            name: c
            targets: ["198.18.0.1:9000"]
            cluster: { hosts: [a1, a2] }
            """);

        Assert.Equal(3, e.Line);
        Assert.Equal("cluster.hosts", e.Key);
    }

    [Fact]
    public void ClusterSection_IsInTheResolvedScenario_AndLoadsBack()
    {
        var first = ScenarioText.Parse(WithCluster);
        string json = System.Text.Json.JsonSerializer.Serialize(ScenarioYaml.ToResolved(first));

        var second = ScenarioLoader.Parse(json, "resolved.json");

        Assert.Equal(first.Cluster!.Hosts.Select(h => (h.Name, h.SourceIps.Count, h.Targets.Count)),
            second.Cluster!.Hosts.Select(h => (h.Name, h.SourceIps.Count, h.Targets.Count)));
    }

    private const string WithSink = """
        name: c
        targets: ["198.18.0.10:9000"]
        cluster:
          hosts:
            target: { role: sink, listen: ["198.18.0.10:9000", "198.18.0.10:9001"] }
            a1: { role: load }
            a2:
        """;

    [Fact]
    public void RoleSink_ServesItsListenAddresses_AndHostsLoadByDefault()
    {
        var c = ScenarioText.Parse(WithSink).Cluster!;

        Assert.Equal([ClusterRole.Sink, ClusterRole.Load, ClusterRole.Load], c.Hosts.Select(h => h.Role));
        Assert.Equal([IPEndPoint.Parse("198.18.0.10:9000"), IPEndPoint.Parse("198.18.0.10:9001")], c.Hosts[0].Listen);
        Assert.Empty(c.Hosts[1].Listen);
    }

    [Fact]
    public void TheSinkRole_IsInTheResolvedScenario_AndLoadsBack()
    {
        string json = System.Text.Json.JsonSerializer.Serialize(ScenarioYaml.ToResolved(ScenarioText.Parse(WithSink)));

        var back = ScenarioLoader.Parse(json, "resolved.json").Cluster!;

        Assert.Equal((ClusterRole.Sink, 2), (back.Hosts[0].Role, back.Hosts[0].Listen.Count));
        Assert.Equal(ClusterRole.Load, back.Hosts[1].Role);
    }

    [Theory]
    [InlineData("target: { role: server, listen: [\"198.18.0.10:9000\"] }", "cluster.hosts.target.role", "server")]
    [InlineData("target: { listen: [\"198.18.0.10:9000\"] }", "cluster.hosts.target.listen", "role: sink")]
    [InlineData("target: { role: load, listen: [\"198.18.0.10:9000\"] }", "cluster.hosts.target.listen", "role: sink")]
    [InlineData("target: { role: sink }", "cluster.hosts.target.role", "needs listen")]
    [InlineData("target: { role: sink, listen: [\"198.18.0.10:9000\"], targets: [\"198.18.0.2:9000\"] }", "cluster.hosts.target.targets", "load role")]
    public void AWrongRoleOrListen_IsAnErrorAtItsLine(string host, string key, string says)
    {
        var e = ScenarioText.Fails($"""
            name: c
            targets: ["198.18.0.1:9000"]
            cluster:
              hosts:
                {host}
            """);

        Assert.Equal(5, e.Line);
        Assert.Equal(key, e.Key);
        Assert.Contains(says, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AScenarioWithoutCluster_ResolvesWithoutTheKey()
    {
        Assert.False(ScenarioYaml.ToResolved(ScenarioText.Parse(ScenarioText.Minimal)).ContainsKey("cluster"));
    }
}
