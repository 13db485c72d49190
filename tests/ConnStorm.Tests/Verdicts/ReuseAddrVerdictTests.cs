using ConnStorm.Results;
using ConnStorm.Verdicts;
using static ConnStorm.Tests.TestSupport.Rows;

namespace ConnStorm.Tests.Verdicts;

public class ReuseAddrVerdictTests
{
    private static readonly RunRow Shared = Reuse(9, ports: 100, targets: 3, ips: 1, held: 300);

    /// <summary>100 ports, each used towards all 3 destinations.</summary>
    private static List<(string Source, string Target)> SharedPairs() =>
        [.. from port in Enumerable.Range(5000, 100) from target in new[] { "10.1.0.1:80", "10.1.0.2:80", "10.1.0.3:80" } select ($"10.0.0.1:{port}", target)];

    [Fact]
    public void It_holds_when_connections_csv_shows_one_port_serving_several_destinations()
    {
        var v = Verdict([Shared], MythClaims.ReuseAddrShares, r => r.Run == 9 ? SharedPairs() : null);

        Assert.Equal(VerdictOutcome.Holds, v.Outcome);
        Assert.Contains("run 9 held 300 as the rule predicts (100 source ports, 3 destinations, 1 source IP)", v.Detail);
        Assert.Contains("connections.csv: 300 connections from 100 source ip:ports, at most 3 destinations on one source port", v.Detail);
        Assert.Equal([9], v.Runs);
    }

    [Fact]
    public void It_does_not_hold_when_connections_csv_shows_no_port_with_two_destinations()
    {
        List<(string Source, string Target)> unshared = [.. Enumerable.Range(5000, 300).Select(p => ($"10.0.0.1:{p}", "10.1.0.1:80"))];

        var v = Verdict([Shared], MythClaims.ReuseAddrShares, _ => unshared);

        Assert.Equal(VerdictOutcome.DoesNotHold, v.Outcome);
        Assert.Contains("at most 1 destination on one source port", v.Detail);
    }

    [Fact]
    public void Without_connections_csv_more_connections_than_ports_prove_sharing_and_the_detail_says_so()
    {
        var v = Verdict([Shared], MythClaims.ReuseAddrShares);

        Assert.Equal(VerdictOutcome.Holds, v.Outcome);
        Assert.Contains("no connections.csv, judged by count: 300 connections from 100 source ip:ports, so ports were shared", v.Detail);
    }

    [Fact]
    public void It_does_not_hold_when_a_run_held_only_one_connection_per_port()
    {
        var v = Verdict([Reuse(3, ports: 100, targets: 3, ips: 1, held: 100)], MythClaims.ReuseAddrShares);

        Assert.Equal(VerdictOutcome.DoesNotHold, v.Outcome);
        Assert.Contains("run 3 held 100 where the rule predicts 300", v.Detail);
        Assert.Contains("which does not show sharing", v.Detail);
    }

    [Fact]
    public void A_run_with_one_destination_cannot_settle_it()
    {
        var v = Verdict([Reuse(2, ports: 100, targets: 1, ips: 1, held: 100)], MythClaims.ReuseAddrShares);

        Assert.Equal(VerdictOutcome.NotSettled, v.Outcome);
        Assert.Contains("with 1 destination it cannot show a shared port", v.Detail);
    }

    [Fact]
    public void It_is_not_settled_without_explicit_port_runs()
    {
        var v = Verdict([Connect(1, 1000, 1, 1000)], MythClaims.ReuseAddrShares);

        Assert.Equal(VerdictOutcome.NotSettled, v.Outcome);
        Assert.Contains("no run of this kind", v.Detail);
    }
}
