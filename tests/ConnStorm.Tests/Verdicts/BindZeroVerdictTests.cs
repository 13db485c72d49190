using ConnStorm.Verdicts;
using static ConnStorm.Tests.TestSupport.Rows;

namespace ConnStorm.Tests.Verdicts;

public class BindZeroVerdictTests
{
    [Fact]
    public void It_holds_when_each_source_IP_gets_the_range_with_EADDRINUSE_at_bind()
    {
        var v = Verdict([BindZero(1, 1000, 1, 1, 1000), BindZero(2, 1000, 1, 2, 2000)], MythClaims.BindZeroLimit);

        Assert.Equal(VerdictOutcome.Holds, v.Outcome);
        Assert.Contains("run 2 held 2,000 as the rule predicts (range 1,000, 1 destination, 2 source IPs), then EADDRINUSE in bind", v.Detail);
    }

    [Fact]
    public void The_detail_shows_that_more_destinations_did_not_raise_it()
    {
        var v = Verdict([BindZero(4, 1000, 1, 1, 1000), BindZero(5, 1000, 3, 1, 1000)], MythClaims.BindZeroLimit);

        Assert.Equal(VerdictOutcome.Holds, v.Outcome);
        Assert.Contains("more destinations did not raise it: run 4 held 1,000 with 1 destination, run 5 held 1,000 with 3 destinations", v.Detail);
    }

    [Fact]
    public void It_does_not_hold_when_more_destinations_raised_it()
    {
        var v = Verdict([BindZero(4, 1000, 1, 1, 1000), BindZero(5, 1000, 3, 1, 3000, "EADDRNOTAVAIL", "connect")], MythClaims.BindZeroLimit);

        Assert.Equal(VerdictOutcome.DoesNotHold, v.Outcome);
        Assert.Contains("run 5 held 3,000 where the rule predicts 1,000 (range 1,000, 3 destinations, 1 source IP); first failure EADDRNOTAVAIL in connect, rule EADDRINUSE in bind", v.Detail);
        Assert.Contains("more destinations raised it", v.Detail);
        Assert.Equal([5], v.Runs);
    }

    [Fact]
    public void It_ignores_runs_that_set_IP_BIND_ADDRESS_NO_PORT_or_explicit_ports()
    {
        var v = Verdict([NoPort(1, 1000, 2, 1, 2000), Reuse(2, 10, 2, 1, 20)], MythClaims.BindZeroLimit);

        Assert.Equal(VerdictOutcome.NotSettled, v.Outcome);
        Assert.Empty(v.Runs);
    }
}
