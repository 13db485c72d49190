using ConnStorm.Verdicts;
using static ConnStorm.Tests.TestSupport.Rows;

namespace ConnStorm.Tests.Verdicts;

public class ConnectLimitVerdictTests
{
    [Fact]
    public void It_holds_when_every_run_reaches_range_times_destinations_with_EADDRNOTAVAIL_in_connect()
    {
        var v = Verdict([Connect(1, 1000, 1, 1000), Connect(2, 1000, 3, 3000)], MythClaims.ConnectLimit);

        Assert.Equal(VerdictOutcome.Holds, v.Outcome);
        Assert.Equal("holds", v.OutcomeText);
        Assert.Contains("run 2 held 3,000 as the rule predicts (range 1,000, 3 destinations, 1 source IP), then EADDRNOTAVAIL in connect", v.Detail);
        Assert.Equal([1, 2], v.Runs);
    }

    [Fact]
    public void It_does_not_hold_when_one_run_stops_short_and_the_detail_shows_measured_and_predicted()
    {
        var v = Verdict([Connect(1, 1000, 1, 1000), Connect(2, 1000, 3, 1000)], MythClaims.ConnectLimit);

        Assert.Equal(VerdictOutcome.DoesNotHold, v.Outcome);
        Assert.Contains("run 2 held 1,000 where the rule predicts 3,000 (range 1,000, 3 destinations, 1 source IP), then EADDRNOTAVAIL in connect as the rule says", v.Detail);
        Assert.Contains("run 1 followed the rule", v.Detail);
        Assert.Equal([2], v.Runs);
    }

    [Fact]
    public void It_does_not_hold_when_the_count_fits_but_the_failure_is_another_errno()
    {
        var v = Verdict([Connect(1, 1000, 1, 1000, "EADDRINUSE", "bind")], MythClaims.ConnectLimit);

        Assert.Equal(VerdictOutcome.DoesNotHold, v.Outcome);
        Assert.Contains("first failed with EADDRINUSE in bind, not EADDRNOTAVAIL in connect", v.Detail);
    }

    [Fact]
    public void It_is_not_settled_without_connect_only_runs()
    {
        var v = Verdict([BindZero(1, 1000, 1, 1, 1000)], MythClaims.ConnectLimit);

        Assert.Equal(VerdictOutcome.NotSettled, v.Outcome);
        Assert.Contains("no run of this kind", v.Detail);
    }

    [Fact]
    public void A_run_that_never_tried_past_the_limit_neither_confirms_nor_refutes()
    {
        var small = Connect(1, 1000, 1, 500) with { Attempted = 500, FirstFailureErrno = null, FirstFailurePhase = null, FirstFailureAt = null, Failures = 0 };

        var v = Verdict([small], MythClaims.ConnectLimit);

        Assert.Equal(VerdictOutcome.NotSettled, v.Outcome);
        Assert.Contains("run 1 held 500 without a failure from 500 attempts; the rule allows 1,000", v.Detail);
    }
}

public class AgreementSentenceTests
{
    [Fact]
    public void ManyAgreeingRuns_AreSaidInOneSentenceWithTheirSpanAndTheLargestAsExample()
    {
        var rows = new[]
        {
            Rows.Connect(1, range: 1000, targets: 1, held: 1000),
            Rows.Connect(2, range: 1000, targets: 3, held: 3000),
            Rows.Connect(3, range: 4000, targets: 3, held: 12000),
        };

        var v = Rows.Verdict(rows, MythClaims.ConnectLimit);

        Assert.Equal(VerdictOutcome.Holds, v.Outcome);
        Assert.StartsWith("each of 3 runs held exactly the limit the rule predicts for it (1,000 to 12,000)", v.Detail, StringComparison.Ordinal);
        Assert.Contains("run 3 held 12,000", v.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("run 1 held", v.Detail, StringComparison.Ordinal);
        Assert.Equal([1, 2, 3], v.Runs);
    }

    [Fact]
    public void OneDisagreeingRun_IsStillNamedWithItsNumbers()
    {
        var rows = new[]
        {
            Rows.Connect(1, range: 1000, targets: 1, held: 1000),
            Rows.Connect(2, range: 1000, targets: 3, held: 2900),
        };

        var v = Rows.Verdict(rows, MythClaims.ConnectLimit);

        Assert.Equal(VerdictOutcome.DoesNotHold, v.Outcome);
        Assert.Contains("run 2 held 2,900 where the rule predicts 3,000", v.Detail, StringComparison.Ordinal);
    }
}
