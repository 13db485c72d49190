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

    [Fact]
    public void AScenarioWithoutCluster_ResolvesWithoutTheKey()
    {
        Assert.False(ScenarioYaml.ToResolved(ScenarioText.Parse(ScenarioText.Minimal)).ContainsKey("cluster"));
    }
}
