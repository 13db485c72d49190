using ConnStorm.Scenarios;
using static ConnStorm.Tests.TestSupport.ScenarioText;
using static ConnStorm.Tests.TestSupport.SweepText;

namespace ConnStorm.Tests.Scenarios;

public class SweepIncludeTests
{
    private const string WithInclude = Full + """

          include:
            - { variant: connect, port_range: "1024 65535", targets: 4, connections: 150000 }
            - { variant: bind, port_range: 2000, targets: 1, source_ips: 2 }
        """;

    [Fact]
    public void Include_AddsItsRunsAfterTheProductInOrder()
    {
        var runs = SweepExpander.Expand(Parse(WithInclude));

        Assert.Equal(12 + 2, runs.Count);
        var big = runs[12];
        Assert.Equal(13, big.Number);
        Assert.Equal("connect", big.Variant);
        Assert.Equal(new PortRange(1024, 65535), big.PortRange);
        Assert.Equal(4, big.Scenario.Targets.Count);
        Assert.Equal(150000, big.Scenario.Load.Connections);
        Assert.Equal("013-connect-r64512-t4-s1", big.Id);
    }

    [Fact]
    public void Include_WithoutConnections_SizesTheRunFromThePortRulesLikeTheProduct()
    {
        var s = Parse(WithInclude + "\nload:\n  connections: auto\n");
        var extra = SweepExpander.Expand(s)[13];

        // bind(ip, 0) with two source IPs on a 2000-port range: the rule allows 2 × 2000.
        Assert.Equal(2, extra.Scenario.Client.SourceIps.Count);
        Assert.Equal(AutoConnections.Resolve(extra.Scenario.Client, extra.PortRange!.Value, 1), extra.Scenario.Load.Connections);
        Assert.True(extra.Scenario.Load.Connections > 4000);
    }

    [Fact]
    public void Include_WithConnectionsMax_LeavesTheSizeToTheRunnerWithItsCap()
    {
        var s = Parse(Full + "\n  include:\n    - { variant: connect, port_range: \"1024 65535\", targets: 2, connections: \"max:1000000\" }\n");
        var extra = SweepExpander.Expand(s)[^1];

        Assert.True(extra.Scenario.Load.ConnectionsMax);
        Assert.Equal(1_000_000, extra.Scenario.Load.ConnectionsMaxCap);
        Assert.False(extra.Scenario.Load.ConnectionsAuto);
        // The product's runs keep their own count.
        Assert.False(SweepExpander.Expand(s)[0].Scenario.Load.ConnectionsMax);
    }

    [Fact]
    public void Include_WithABadMax_IsLocated()
    {
        var e = Assert.Throws<ScenarioException>(() => Parse(Full + "\n  include:\n    - { variant: connect, connections: \"max:0\" }\n"));

        Assert.Equal("sweep.include[0].connections", e.Key);
    }

    [Fact]
    public void Include_NamingAnUnknownVariant_IsLocated()
    {
        var e = Assert.Throws<ScenarioException>(() => Parse(Full + "\n  include:\n    - { variant: nope }\n"));

        Assert.Equal("sweep.include[0].variant", e.Key);
        Assert.Equal(16, e.Line);
        Assert.Contains("connect, bind", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Include_WithUnknownKey_IsLocated()
    {
        var e = Assert.Throws<ScenarioException>(() => Parse(Full + "\n  include:\n    - { variant: bind, tagets: 1 }\n"));

        Assert.Equal("sweep.include[0].tagets", e.Key);
    }

    [Fact]
    public void Include_WithMoreTargetsThanExpanded_IsAnError()
    {
        var e = Assert.Throws<ScenarioException>(() => Parse(Full + "\n  include:\n    - { variant: bind, targets: 5 }\n"));

        Assert.Equal("sweep.include[0].targets", e.Key);
    }

    [Fact]
    public void Include_SurvivesTheResolvedFormRoundTrip()
    {
        var s = Parse(WithInclude);
        string json = System.Text.Json.JsonSerializer.Serialize(ScenarioYaml.ToResolved(s));

        var again = Parse(json);

        Assert.Equal(s.Sweep!.Include, again.Sweep!.Include);
    }
}
