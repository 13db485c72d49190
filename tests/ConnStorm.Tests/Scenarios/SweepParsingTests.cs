using System.Net;
using ConnStorm.Scenarios;
using static ConnStorm.Tests.TestSupport.ScenarioText;
using static ConnStorm.Tests.TestSupport.SweepText;

namespace ConnStorm.Tests.Scenarios;

public class SweepParsingTests
{
    [Fact]
    public void Parse_WithoutSweep_HasNoSweep()
    {
        Assert.Null(Parse(Minimal).Sweep);
    }

    [Fact]
    public void Parse_WithNullSweep_HasNoSweepAndNeedsNoLab()
    {
        Assert.Null(Parse(Minimal + "\nsweep:\n").Sweep);
    }

    [Fact]
    public void Parse_OfPortRanges_ReadsLoHiWithSpaceOrDash()
    {
        var sweep = Parse(Full).Sweep!;

        Assert.Equal([new PortRange(40000, 40999), new PortRange(40000, 43999)], sweep.PortRanges);
    }

    [Theory]
    [InlineData(4000, 32768, 36767)]
    [InlineData(1, 32768, 32768)]
    [InlineData(32768, 32768, 65535)]
    [InlineData(32769, 32767, 65535)]
    [InlineData(40000, 25536, 65535)]
    [InlineData(64512, 1024, 65535)]
    public void Parse_OfPortRangeSize_StartsAt32768WhenItFitsElseEndsAt65535(int size, int lo, int hi)
    {
        var sweep = Parse(WithSweep($"  port_range: [{size}]")).Sweep!;

        Assert.Equal([new PortRange(lo, hi)], sweep.PortRanges);
        Assert.Equal(size, sweep.PortRanges[0].Size);
    }

    [Fact]
    public void Parse_OfQuotedDigits_ReadsThemAsASizeToo()
    {
        Assert.Equal([SweepSpec.RangeOfSize(100)], Parse(WithSweep("  port_range: [\"100\"]")).Sweep!.PortRanges);
    }

    [Fact]
    public void Parse_OfTargetsAndSourceIps_KeepsTheCountsInOrder()
    {
        var sweep = Parse(Full).Sweep!;

        Assert.Equal([1, 4], sweep.Targets);
        Assert.Equal([1, 2], sweep.SourceIps);
    }

    [Fact]
    public void Parse_OfASingleValueInsteadOfAList_ReadsAListOfOne()
    {
        var sweep = Parse(WithSweep("  targets: 1\n  port_range: 100")).Sweep!;

        Assert.Equal([1], sweep.Targets);
        Assert.Equal([SweepSpec.RangeOfSize(100)], sweep.PortRanges);
    }

    [Fact]
    public void Parse_OfVariants_KeepsTheirOrderAndMergesEachOverClient()
    {
        var s = Parse(Full + "\n    reuse:\n      bind_before_connect: true\n      reuse_addr: true\n      source_ports: 20000-29999\n");
        var variants = s.Sweep!.Variants;

        Assert.Equal(["connect", "bind", "reuse"], variants.Select(v => v.Name));
        Assert.False(variants[0].Client.BindBeforeConnect);
        Assert.True(variants[1].Client.BindBeforeConnect);
        Assert.Equal(s.Client.SourceIps, variants[1].Client.SourceIps);
        Assert.True(variants[2].Client.ReuseAddr);
        Assert.Equal(new PortRange(20000, 29999), variants[2].Client.SourcePorts);
    }

    [Fact]
    public void Parse_OfVariant_KeepsClientKeysItDoesNotSet()
    {
        var s = Parse(Minimal + "\nlab: {}\nclient:\n  connect_timeout: 1s\n  linger_rst: true\nsweep:\n  variants:\n    fast: { connect_timeout: 200ms }\n");
        var fast = s.Sweep!.Variants.Single().Client;

        Assert.Equal(TimeSpan.FromMilliseconds(200), fast.ConnectTimeout);
        Assert.True(fast.LingerRst);
        Assert.Equal(TimeSpan.FromSeconds(1), s.Client.ConnectTimeout);
    }

    [Fact]
    public void Parse_OfVariantWithOwnSourceIps_ReplacesTheClientList()
    {
        var s = Parse(Full + "\n    other: { bind_before_connect: true, source_ips: [\"127.0.0.8-127.0.0.9\"] }\n");

        Assert.Equal([IPAddress.Parse("127.0.0.8"), IPAddress.Parse("127.0.0.9")], s.Sweep!.Variants[2].Client.SourceIps);
    }

    [Fact]
    public void Parse_OfVariantWithNothingUnderIt_IsTheClientUnchanged()
    {
        var s = Parse(Minimal + "\nlab: {}\nclient:\n  reuse_addr: true\nsweep:\n  variants:\n    same:\n");

        AssertSameClient(s.Client, s.Sweep!.Variants.Single().Client);
    }

    [Fact]
    public void Parse_WithAbsentLists_HoldsTheBaseScenariosValues()
    {
        var s = Parse(Full.Replace("  port_range: [\"40000 40999\", \"40000-43999\"]\n", "", StringComparison.Ordinal)
            .Replace("  targets: [1, 4]\n", "", StringComparison.Ordinal)
            .Replace("  source_ips: [1, 2]\n  variants:\n    connect: { bind_before_connect: false }\n    bind: { bind_before_connect: true }",
                "  variants: { v: {} }", StringComparison.Ordinal));
        var sweep = s.Sweep!;

        Assert.Equal([new PortRange(40000, 40099)], sweep.PortRanges);
        Assert.Equal([4], sweep.Targets);
        Assert.Equal([2], sweep.SourceIps);
    }

    [Fact]
    public void Parse_WithNoVariants_HasOneNamedDefaultWithTheBaseClient()
    {
        var s = Parse(WithSweep("  targets: [1]"));

        var only = Assert.Single(s.Sweep!.Variants);
        Assert.Equal("default", only.Name);
        AssertSameClient(s.Client, only.Client);
    }

    [Fact]
    public void Parse_WithNoPortRangeAnywhere_HasNoRanges()
    {
        var sweep = Parse(WithSweep("  targets: [1]")).Sweep!;

        Assert.Empty(sweep.PortRanges);
        Assert.Equal([1], sweep.SourceIps);
    }

    [Fact]
    public void Parse_WithSweepRangeAndLabRange_KeepsBoth()
    {
        var s = Parse(Full);

        Assert.Equal("40000 40099", s.Lab!.Sysctl["net.ipv4.ip_local_port_range"]);
        Assert.Equal(2, s.Sweep!.PortRanges.Count);
    }

    /// <summary>Record equality compares the SourceIps lists by reference; compare their items instead.</summary>
    internal static void AssertSameClient(ClientSpec expected, ClientSpec actual)
    {
        Assert.Equal(expected.SourceIps, actual.SourceIps);
        Assert.Equal(expected with { SourceIps = [] }, actual with { SourceIps = [] });
    }
}
