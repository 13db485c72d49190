using ConnStorm.Scenarios;
using static ConnStorm.Tests.TestSupport.ScenarioText;
using static ConnStorm.Tests.TestSupport.SweepText;

namespace ConnStorm.Tests.Scenarios;

public class SweepOverrideTests
{
    [Fact]
    public void Override_OfSweepTargets_ReplacesTheList()
    {
        var s = Parse(Full, "sweep.targets=[1,2]");

        Assert.Equal([1, 2], s.Sweep!.Targets);
    }

    [Fact]
    public void Override_OfAbsentSweep_CreatesIt()
    {
        var s = Parse(Minimal, "lab={}", "sweep.port_range=[100, \"40000 40999\"]", "sweep.source_ips=[1]");

        Assert.Equal([SweepSpec.RangeOfSize(100), new PortRange(40000, 40999)], s.Sweep!.PortRanges);
        Assert.Equal([1], s.Sweep.SourceIps);
    }

    [Fact]
    public void Override_OfOneVariantKey_ChangesOnlyThatVariant()
    {
        var s = Parse(Full, "sweep.variants.bind.reuse_addr=true");

        Assert.False(s.Sweep!.Variants[0].Client.ReuseAddr);
        Assert.True(s.Sweep.Variants[1].Client.ReuseAddr);
        Assert.True(s.Sweep.Variants[1].Client.BindBeforeConnect);
    }

    [Fact]
    public void Override_AddingAVariant_AppendsIt()
    {
        var s = Parse(Full, "sweep.variants.no-port={bind_before_connect: true, bind_address_no_port: true}");

        Assert.Equal(["connect", "bind", "no-port"], s.Sweep!.Variants.Select(v => v.Name));
        Assert.True(s.Sweep.Variants[2].Client.BindAddressNoPort);
    }

    [Fact]
    public void Override_OfConnectionsToAuto_MarksItAuto()
    {
        var s = Parse(Full, "load.connections=auto");

        Assert.True(s.Load.ConnectionsAuto);
    }

    [Fact]
    public void Override_WithSweepValueOutOfRange_IsLocatedAtTheOverride()
    {
        var e = Fails(Full, "sweep.targets=[9]");

        Assert.Equal("--set sweep.targets", e.File);
        Assert.Equal(0, e.Line);
        Assert.Equal("sweep.targets", e.Key);
    }

    [Fact]
    public void Override_OfSweepWithoutLab_ReportsTheSweep()
    {
        var e = Fails(Minimal, "sweep.targets=[1]");

        Assert.Equal("--set sweep.targets", e.File);
        Assert.Equal("sweep", e.Key);
    }
}
