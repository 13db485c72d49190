using ConnStorm.Rules;
using ConnStorm.Scenarios;
using static ConnStorm.Tests.TestSupport.ScenarioText;

namespace ConnStorm.Tests.Scenarios;

public class AutoConnectionsTests
{
    // 1000-port range, four targets, two source IPs; one variant per kind of port rule.
    private const string Kinds = """
        name: auto
        lab: {}
        targets: ["127.0.0.1:9000-9003"]
        client:
          source_ips: ["127.0.0.1-127.0.0.2"]
        load:
          connections: auto
        sweep:
          port_range: ["40000 40999"]
          targets: [4]
          source_ips: [2]
          variants:
            connect:        { bind_before_connect: false }
            bind:           { bind_before_connect: true }
            bind-no-port:   { bind_before_connect: true, bind_address_no_port: true }
            bind-reuseaddr: { bind_before_connect: true, reuse_addr: true, source_ports: "20000-29999" }
            bind-ports:     { bind_before_connect: true, source_ports: "20000-29999" }
        """;

    [Theory]
    [InlineData("connect", 4000 + 200)]                 // range × targets; source IPs unused without bind
    [InlineData("bind", 2000 + 100)]                    // range × source IPs
    [InlineData("bind-no-port", 8000 + 400)]            // range × targets × source IPs
    [InlineData("bind-reuseaddr", 80000 + 4000)]        // ports × targets × source IPs
    [InlineData("bind-ports", 1 + 10)]                  // an explicit port cannot go to a second target
    public void Expand_OfAuto_AttemptsThePredictedLimitPlusFivePercentAtLeastTen(string variant, int expected)
    {
        var run = SweepExpander.Expand(Parse(Kinds)).Single(r => r.Variant == variant);

        Assert.Equal(expected, run.Scenario.Load.Connections);
        Assert.False(run.Scenario.Load.ConnectionsAuto);
    }

    [Fact]
    public void Expand_OfAuto_AgreesWithPortRulesForEveryRun()
    {
        foreach (var run in SweepExpander.Expand(Parse(Kinds)))
        {
            var c = run.Scenario.Client;
            long limit = PortRules.Predict(new ClientShape(c.BindBeforeConnect, c.BindAddressNoPort, c.ReuseAddr,
                c.SourcePorts?.Size ?? 0, run.PortRange!.Value.Size, run.Scenario.Targets.Count,
                c.BindBeforeConnect ? c.SourceIps.Count : 1)).Limit;

            Assert.InRange(run.Scenario.Load.Connections, limit + 10, limit + Math.Max(10, limit / 20 + 1));
        }
    }

    [Fact]
    public void Expand_OfAuto_SizesEachRangeAndTargetCountSeparately()
    {
        var runs = SweepExpander.Expand(Parse(Kinds
            .Replace("port_range: [\"40000 40999\"]", "port_range: [100, 1000]", StringComparison.Ordinal)
            .Replace("targets: [4]", "targets: [1, 4]", StringComparison.Ordinal)));

        Assert.Equal([110, 420, 1050, 4200], runs.Where(r => r.Variant == "connect").Select(r => r.Scenario.Load.Connections));
    }

    [Fact]
    public void Parse_OfAutoWithoutSweep_ResolvesFromTheLabRangeAndRemembersAuto()
    {
        var s = Parse(Minimal + "\nlab:\n  sysctl:\n    net.ipv4.ip_local_port_range: \"40000 40099\"\nload:\n  connections: auto\n");

        Assert.Equal(100 + 10, s.Load.Connections);
        Assert.True(s.Load.ConnectionsAuto);
        var run = Assert.Single(SweepExpander.Expand(s));
        Assert.Equal(110, run.Scenario.Load.Connections);
        Assert.False(run.Scenario.Load.ConnectionsAuto);
    }

    [Fact]
    public void Parse_OfAutoWithoutSweep_CountsSourceIpsOnlyWhenBinding()
    {
        var s = Parse("""
            name: x
            lab: { sysctl: { net.ipv4.ip_local_port_range: "40000 40999" } }
            targets: ["127.0.0.1:9000-9001"]
            client: { bind_before_connect: true, bind_address_no_port: true, source_ips: ["127.0.0.1-127.0.0.3"] }
            load: { connections: auto }
            """);

        Assert.Equal(6000 + 300, s.Load.Connections);
    }

    [Fact]
    public void Resolve_OfAHugeLimit_IsCappedAtTheMaximumConnections()
    {
        var client = new ClientSpec { BindBeforeConnect = true, BindAddressNoPort = true };

        Assert.Equal(100_000_000, AutoConnections.Resolve(client, SweepSpec.RangeOfSize(SweepSpec.MaxRangeSize), 2000));
    }

    [Fact]
    public void Expand_OfAutoBuiltInCodeWithoutRange_Throws()
    {
        var s = Parse(Minimal) with { Load = new LoadSpec { ConnectionsAuto = true } };

        Assert.Throws<ArgumentException>(() => SweepExpander.Expand(s));
    }
}
