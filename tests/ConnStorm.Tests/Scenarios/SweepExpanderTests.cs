using System.Net;
using ConnStorm.Scenarios;
using static ConnStorm.Tests.TestSupport.ScenarioText;
using static ConnStorm.Tests.TestSupport.SweepText;

namespace ConnStorm.Tests.Scenarios;

public class SweepExpanderTests
{
    [Fact]
    public void Expand_WithoutSweep_GivesOneDefaultRunNamedDot()
    {
        var s = Parse(Minimal);

        var run = Assert.Single(SweepExpander.Expand(s));
        Assert.Equal(1, run.Number);
        Assert.Equal("default", run.Variant);
        Assert.Equal(".", run.Id);
        Assert.Null(run.PortRange);
        Assert.Equal(s.Targets, run.Scenario.Targets);
        Assert.Equal(s.Load, run.Scenario.Load);
    }

    [Fact]
    public void Expand_WithoutSweepButWithLabRange_ReportsThatRange()
    {
        var run = Assert.Single(SweepExpander.Expand(Parse(Minimal + "\nlab:\n  sysctl:\n    net.ipv4.ip_local_port_range: \"40000 40099\"\n")));

        Assert.Equal(new PortRange(40000, 40099), run.PortRange);
    }

    [Fact]
    public void Expand_WithOneNonBindVariant_CollapsesItsSourceIpsSoNoRunRepeats()
    {
        // connect: 2 ranges × 2 targets × 1 source IP count; bind: 2 × 2 × 2.
        var runs = SweepExpander.Expand(Parse(Full));

        Assert.Equal(4 + 8, runs.Count);
        Assert.Equal(runs.Count, runs.Select(r => (r.Variant, r.PortRange, r.Scenario.Targets.Count, r.Scenario.Client.SourceIps.Count)).Distinct().Count());
    }

    [Fact]
    public void Expand_OrdersVariantsThenRangesThenTargetsThenSourceIps()
    {
        var ids = SweepExpander.Expand(Parse(Full)).Select(r => r.Id);

        Assert.Equal(
        [
            "001-connect-r1000-t1-s1", "002-connect-r1000-t4-s1", "003-connect-r4000-t1-s1", "004-connect-r4000-t4-s1",
            "005-bind-r1000-t1-s1", "006-bind-r1000-t1-s2", "007-bind-r1000-t4-s1", "008-bind-r1000-t4-s2",
            "009-bind-r4000-t1-s1", "010-bind-r4000-t1-s2", "011-bind-r4000-t4-s1", "012-bind-r4000-t4-s2",
        ], ids);
    }

    [Fact]
    public void Expand_NumbersRunsFromOne()
    {
        var runs = SweepExpander.Expand(Parse(Full));

        Assert.Equal(Enumerable.Range(1, runs.Count), runs.Select(r => r.Number));
        Assert.Equal(["connect", "bind"], runs.Select(r => r.Variant).Distinct());
    }

    [Fact]
    public void Expand_WithoutAnyPortRange_LeavesTheRangeOutOfTheIdAndTheLab()
    {
        var s = Parse(WithSweep("  targets: [1]"));

        var run = Assert.Single(SweepExpander.Expand(s));
        Assert.Equal("001-default-t1-s1", run.Id);
        Assert.Null(run.PortRange);
        Assert.Empty(run.Scenario.Lab!.Sysctl);
    }

    [Fact]
    public void Expand_WritesTheRunsRangeIntoTheLabAndKeepsItsOtherSysctls()
    {
        var s = Parse(Full.Replace("    net.ipv4.ip_local_port_range", "    net.ipv4.tcp_tw_reuse: 1\n    net.ipv4.ip_local_port_range", StringComparison.Ordinal));
        var run = SweepExpander.Expand(s)[2];

        Assert.Equal(new PortRange(40000, 43999), run.PortRange);
        Assert.Equal("40000 43999", run.Scenario.Lab!.Sysctl["net.ipv4.ip_local_port_range"]);
        Assert.Equal("1", run.Scenario.Lab.Sysctl["net.ipv4.tcp_tw_reuse"]);
        Assert.Equal(s.Lab!.Location, run.Scenario.Lab.Location);
        // The base scenario is not touched.
        Assert.Equal("40000 40099", s.Lab.Sysctl["net.ipv4.ip_local_port_range"]);
    }

    [Fact]
    public void Expand_CutsTargetsAndSourceIpsToTheFirstN()
    {
        var s = Parse(Full);
        var run = SweepExpander.Expand(s).Single(r => r.Id == "009-bind-r4000-t1-s1");

        Assert.Equal([new IPEndPoint(IPAddress.Loopback, 9000)], run.Scenario.Targets);
        Assert.Equal([IPAddress.Parse("127.0.0.1")], run.Scenario.Client.SourceIps);
        Assert.True(run.Scenario.Client.BindBeforeConnect);
        var last = SweepExpander.Expand(s)[^1];
        Assert.Equal(s.Targets, last.Scenario.Targets);
        Assert.Equal(s.Client.SourceIps, last.Scenario.Client.SourceIps);
    }

    [Fact]
    public void Expand_GivesConcreteScenariosWithoutSweepUnderTheSameName()
    {
        foreach (var run in SweepExpander.Expand(Parse(Full)))
        {
            Assert.Null(run.Scenario.Sweep);
            Assert.Equal("sweep", run.Scenario.Name);
            Assert.False(run.Scenario.Load.ConnectionsAuto);
        }
    }

    [Fact]
    public void Expand_OfNonBindVariant_UsesTheFirstSourceIpCount()
    {
        var s = Parse(Full.Replace("source_ips: [1, 2]", "source_ips: [2, 1]", StringComparison.Ordinal));
        var connect = SweepExpander.Expand(s).Where(r => r.Variant == "connect").ToList();

        Assert.All(connect, r => Assert.EndsWith("-s2", r.Id, StringComparison.Ordinal));
        Assert.All(connect, r => Assert.Equal(2, r.Scenario.Client.SourceIps.Count));
    }

    [Fact]
    public void Expand_WithAbsentLists_RunsTheBaseValuesOncePerVariant()
    {
        var s = Parse(Minimal + "\nlab:\n  sysctl:\n    net.ipv4.ip_local_port_range: \"40000 40099\"\nsweep:\n  variants:\n    a: {}\n    b: { bind_before_connect: true }\n");

        Assert.Equal(["001-a-r100-t1-s1", "002-b-r100-t1-s1"], SweepExpander.Expand(s).Select(r => r.Id));
    }
}
