using static ConnStorm.Tests.TestSupport.ScenarioText;
using static ConnStorm.Tests.TestSupport.SweepText;

namespace ConnStorm.Tests.Scenarios;

public class SweepValidationTests
{
    [Fact]
    public void Parse_OfSweepWithoutLab_ReportsTheSweepKey()
    {
        var e = Fails(Minimal + "\nsweep:\n  targets: [1]\n");

        AssertAt(e, 3, 1, "sweep");
        Assert.Contains("needs lab", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OfUnknownSweepKey_ReportsItAndTheAllowedKeys()
    {
        var e = Fails(WithSweep("  ports: [1]"));

        AssertAt(e, 5, 3, "sweep.ports");
        Assert.Contains("port_range, targets, source_ips, variants", e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  port_range: []", 15, "sweep.port_range", "is empty")]
    [InlineData("  targets: []", 12, "sweep.targets", "is empty")]
    [InlineData("  source_ips: []", 15, "sweep.source_ips", "is empty")]
    [InlineData("  variants: {}", 13, "sweep.variants", "is empty")]
    [InlineData("  variants: [a]", 13, "sweep.variants", "a mapping")]
    [InlineData("  targets: { a: 1 }", 12, "sweep.targets", "a list")]
    [InlineData("sweep_: 1", 1, "sweep_", "unknown key")]
    public void Parse_OfEmptyOrWronglyShapedList_ReportsTheList(string body, int column, string key, string problem)
    {
        var e = Fails(WithSweep(body));

        AssertAt(e, 5, column, key);
        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  port_range: [0]", "out of range")]
    [InlineData("  port_range: [64513]", "out of range")]
    [InlineData("  port_range: [\"40999 40000\"]", "above high port")]
    [InlineData("  port_range: [\"40000 70000\"]", "outside 1-65535")]
    [InlineData("  port_range: [\"wide\"]", "not a port")]
    [InlineData("  port_range: [\"1 2 3\"]", "not a port or a port range")]
    [InlineData("  port_range: [[1]]", "a list")]
    [InlineData("  targets: [0]", "out of range")]
    [InlineData("  targets: [2]", "more than the 1 expanded targets")]
    [InlineData("  targets: [x]", "integer")]
    [InlineData("  source_ips: [2]", "only 1 is allowed")]
    [InlineData("  source_ips: [0]", "out of range")]
    public void Parse_OfBadListItem_ReportsTheItem(string body, string problem)
    {
        var e = Fails(WithSweep(body));

        string key = body.Trim()[..body.Trim().IndexOf(':', StringComparison.Ordinal)];
        AssertAt(e, 5, body.IndexOf('[', StringComparison.Ordinal) + 2, $"sweep.{key}");
        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OfSecondBadItem_ReportsThatItem()
    {
        AssertAt(Fails(WithSweep("  targets: [1, 5]")), 5, 16, "sweep.targets");
    }

    [Fact]
    public void Parse_OfMoreSourceIpsThanTheClientHas_ReportsTheCount()
    {
        var e = Fails(Minimal + "\nlab: {}\nclient:\n  source_ips: [\"127.0.0.1-127.0.0.2\"]\nsweep:\n  source_ips: [1, 3]\n");

        AssertAt(e, 7, 19, "sweep.source_ips");
        Assert.Contains("3 is more than the 2 addresses in client.source_ips", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OfMoreSourceIpsThanAVariantHas_NamesTheVariant()
    {
        var e = Fails(Full + "\n    few: { bind_before_connect: true, source_ips: [\"127.0.0.1\"] }\n");

        AssertAt(e, 11, 19, "sweep.source_ips");
        Assert.Contains("variant few", e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"a b\"")]
    [InlineData("\"a/b\"")]
    [InlineData("\"\"")]
    public void Parse_OfVariantNameUnfitForAFolder_ReportsTheName(string name)
    {
        var e = Fails(WithSweep($"  variants:\n    {name}: {{}}"));

        Assert.Equal(6, e.Line);
        Assert.Equal(5, e.Column);
        Assert.StartsWith("sweep.variants.", e.Key, StringComparison.Ordinal);
        Assert.Contains("not a valid variant name", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OfUnknownVariantKey_ReportsItUnderTheVariant()
    {
        var e = Fails(WithSweep("  variants:\n    v: { bind: true }"));

        AssertAt(e, 6, 10, "sweep.variants.v.bind");
        Assert.Contains("bind_before_connect", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OfBadVariantValue_ReportsTheValue()
    {
        AssertAt(Fails(WithSweep("  variants:\n    v: { reuse_addr: maybe }")), 6, 22, "sweep.variants.v.reuse_addr");
    }

    [Fact]
    public void Parse_OfVariantWithSourcePortsButNoBind_ReportsTheVariantsSourcePorts()
    {
        var e = Fails(WithSweep("  variants:\n    v: { source_ports: 50000-50009 }"));

        AssertAt(e, 6, 24, "sweep.variants.v.source_ports");
        Assert.Contains("needs bind_before_connect", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OfVariantThatTurnsBindOffUnderClientSourcePorts_ReportsTheVariant()
    {
        var e = Fails(Minimal + "\nlab: {}\nclient:\n  bind_before_connect: true\n  source_ports: 50000-50009\n" +
            "sweep:\n  variants:\n    ok: {}\n    connect: { bind_before_connect: false }\n");

        // The base is valid; the variant made it wrong, so the error points at the variant.
        AssertAt(e, 10, 5, "sweep.variants.connect.source_ports");
    }

    [Fact]
    public void Parse_OfVariantThatTurnsBindOffUnderNoPort_ReportsTheVariant()
    {
        var e = Fails(Minimal + "\nlab: {}\nclient:\n  bind_before_connect: true\n  bind_address_no_port: true\n" +
            "sweep:\n  variants:\n    connect: { bind_before_connect: false }\n");

        AssertAt(e, 9, 5, "sweep.variants.connect.bind_address_no_port");
    }

    [Fact]
    public void Parse_OfVariantSourceIpOfTheWrongFamily_ReportsTheAddress()
    {
        var e = Fails(WithSweep("  variants:\n    v: { bind_before_connect: true, source_ips: [\"::1\"] }"));

        AssertAt(e, 6, 50, "sweep.variants.v.source_ips");
        Assert.Contains("IPv6", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OfAutoConnectionsWithoutAnyPortRange_ReportsConnections()
    {
        var e = Fails(Minimal + "\nload:\n  connections: auto\n");

        AssertAt(e, 4, 16, "load.connections");
        Assert.Equal("auto needs a port range: set lab.sysctl.net.ipv4.ip_local_port_range or sweep.port_range", e.Problem);
    }

    [Fact]
    public void Parse_OfAutoConnectionsInASweepWithoutPortRange_ReportsConnections()
    {
        var e = Fails(WithSweep("  targets: [1]") + "load:\n  connections: auto\n");

        AssertAt(e, 7, 16, "load.connections");
    }

    [Fact]
    public void Parse_OfAutoConnectionsWithOnlyASweepRange_IsAccepted()
    {
        var s = Parse(WithSweep("  port_range: [100]") + "load:\n  connections: auto\n");

        Assert.True(s.Load.ConnectionsAuto);
    }

    [Fact]
    public void Parse_OfConnectionsNeitherNumberNorAuto_MentionsAuto()
    {
        var e = Fails(Minimal + "\nload:\n  connections: lots\n");

        AssertAt(e, 4, 16, "load.connections");
        Assert.Contains("or auto", e.Problem, StringComparison.Ordinal);
    }
}
