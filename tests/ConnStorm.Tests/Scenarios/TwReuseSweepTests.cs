using ConnStorm.Scenarios;
using static ConnStorm.Tests.TestSupport.ScenarioText;

namespace ConnStorm.Tests.Scenarios;

public class TwReuseSweepTests
{
    private const string Churn = """
        name: churn
        lab:
          sysctl:
            net.ipv4.ip_local_port_range: "40000 40049"
        sink:
          listen: ["127.0.0.1:9000"]
        targets: ["127.0.0.1:9000"]
        load:
          mode: churn
          duration: 5s
        sweep:
          variants:
            fin: { close: client-fin }
            rst: { close: client-rst }
          tw_reuse: [0, 2]
        """;

    [Fact]
    public void Expand_WithTwReuse_MakesOneRunPerValueInnermostWithItsOwnSysctlAndIdSuffix()
    {
        var runs = SweepExpander.Expand(Parse(Churn));

        Assert.Equal(["001-fin-r50-t1-s1-w0", "002-fin-r50-t1-s1-w2", "003-rst-r50-t1-s1-w0", "004-rst-r50-t1-s1-w2"], runs.Select(r => r.Id));
        Assert.Equal(["0", "2", "0", "2"], runs.Select(r => r.Scenario.Lab!.Sysctl["net.ipv4.tcp_tw_reuse"]));
        Assert.All(runs, r => Assert.Equal("40000 40049", r.Scenario.Lab!.Sysctl["net.ipv4.ip_local_port_range"]));
        Assert.Equal([CloseMode.ClientFin, CloseMode.ClientFin, CloseMode.ClientRst, CloseMode.ClientRst], runs.Select(r => r.Scenario.Client.Close));
    }

    [Fact]
    public void Expand_WithoutTwReuse_KeepsTheIdsAndTheLabAsTheyWere()
    {
        var runs = SweepExpander.Expand(Parse(Churn.Replace("\n  tw_reuse: [0, 2]", "", StringComparison.Ordinal)));

        Assert.Equal(["001-fin-r50-t1-s1", "002-rst-r50-t1-s1"], runs.Select(r => r.Id));
        Assert.All(runs, r => Assert.False(r.Scenario.Lab!.Sysctl.ContainsKey("net.ipv4.tcp_tw_reuse")));
    }

    [Fact]
    public void ToResolved_OfAChurnSweep_LoadsBackTheSame()
    {
        var s = Parse(Churn);
        string json = System.Text.Json.JsonSerializer.Serialize(ScenarioYaml.ToResolved(s));

        var again = ScenarioLoader.Parse(json, "resolved.json", []);

        Assert.Equal(s.Sweep!.TwReuse, again.Sweep!.TwReuse);
        Assert.Equal(LoadMode.Churn, again.Load.Mode);
        Assert.Equal(s.Load.Duration, again.Load.Duration);
        Assert.Equal(StopKind.Never, again.Load.StopOn.Kind);
        Assert.Equal(CloseMode.ClientRst, again.Sweep.Variants[1].Client.Close);
    }
}
