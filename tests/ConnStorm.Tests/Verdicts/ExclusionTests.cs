using ConnStorm.Verdicts;
using static ConnStorm.Tests.TestSupport.Rows;

namespace ConnStorm.Tests.Verdicts;

public class ExclusionTests
{
    [Fact]
    public void An_fd_capped_run_is_excluded_and_named_even_though_it_missed_the_limit()
    {
        var capped = Connect(3, 1000, 2, 900, "EMFILE", "socket") with { FdCapped = true };

        var v = Verdict([Connect(1, 1000, 2, 2000), capped], MythClaims.ConnectLimit);

        Assert.Equal(VerdictOutcome.Holds, v.Outcome);
        Assert.Contains("run 3 excluded: RLIMIT_NOFILE capped it", v.Detail);
        Assert.Equal([1], v.Runs);
    }

    [Fact]
    public void An_interrupted_run_is_excluded()
    {
        var v = Verdict([Connect(4, 1000, 1, 10) with { Interrupted = true }], MythClaims.ConnectLimit);

        Assert.Equal(VerdictOutcome.NotSettled, v.Outcome);
        Assert.Contains("run 4 excluded: interrupted", v.Detail);
    }

    [Fact]
    public void A_run_that_lost_workers_is_excluded()
    {
        var v = Verdict([BindZero(5, 1000, 1, 1, 400) with { WorkersLost = 2 }], MythClaims.BindZeroLimit);

        Assert.Equal(VerdictOutcome.NotSettled, v.Outcome);
        Assert.Contains("run 5 excluded: 2 workers lost", v.Detail);
    }

    [Fact]
    public void A_run_without_a_recorded_port_range_is_excluded()
    {
        var v = Verdict([Connect(6, 1000, 1, 1000) with { PortRangeSize = null }], MythClaims.ConnectLimit);

        Assert.Equal(VerdictOutcome.NotSettled, v.Outcome);
        Assert.Contains("run 6 excluded: port range size not recorded", v.Detail);
    }

    [Fact]
    public void Several_reasons_are_all_given()
    {
        var v = Verdict([Connect(7, 1000, 1, 10) with { Interrupted = true, WorkersLost = 1 }], MythClaims.ConnectLimit);

        Assert.Contains("run 7 excluded: interrupted and 1 worker lost", v.Detail);
    }
}
