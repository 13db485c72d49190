using ConnStorm.Verdicts;
using static ConnStorm.Tests.TestSupport.Rows;

namespace ConnStorm.Tests.Verdicts;

public class NoPortVerdictTests
{
    [Fact]
    public void It_holds_when_runs_reach_range_times_destinations_times_source_IPs()
    {
        var v = Verdict([NoPort(1, 1000, 3, 2, 6000)], MythClaims.NoPortRestores);

        Assert.Equal(VerdictOutcome.Holds, v.Outcome);
        Assert.Contains("run 1 held 6,000 as the rule predicts (range 1,000, 3 destinations, 2 source IPs), then EADDRNOTAVAIL in connect", v.Detail);
    }

    [Fact]
    public void It_does_not_hold_when_a_run_stops_at_the_bind_limit()
    {
        var v = Verdict([NoPort(1, 1000, 3, 1, 3000), NoPort(2, 1000, 3, 1, 1000, "EADDRINUSE", "bind")], MythClaims.NoPortRestores);

        Assert.Equal(VerdictOutcome.DoesNotHold, v.Outcome);
        Assert.Contains("run 2 held 1,000 where the rule predicts 3,000", v.Detail);
        Assert.Contains("first failure EADDRINUSE in bind, rule EADDRNOTAVAIL in connect", v.Detail);
        Assert.Equal([2], v.Runs);
    }

    [Fact]
    public void It_is_not_settled_without_such_runs()
    {
        var v = Verdict([Connect(1, 1000, 1, 1000)], MythClaims.NoPortRestores);

        Assert.Equal(VerdictOutcome.NotSettled, v.Outcome);
    }
}
