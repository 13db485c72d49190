using ConnStorm.Verdicts;
using static ConnStorm.Tests.TestSupport.Rows;

namespace ConnStorm.Tests.Verdicts;

public class MaxConnectionsVerdictTests
{
    [Fact]
    public void A_run_above_65535_refutes_the_claim_and_names_the_largest_run()
    {
        var rows = new[]
        {
            Connect(1, 64512, 1, 64512),
            Connect(7, 64512, 3, 193536),
            Connect(8, 64512, 2, 129024),
        };

        var v = Verdict(rows, MythClaims.Max65535);

        Assert.Equal(VerdictOutcome.DoesNotHold, v.Outcome);
        Assert.StartsWith("run 7 held 193,536 at once from a single source IP (range 64,512 × 3 destinations)", v.Detail);
        Assert.Contains("2 runs went past 65,535", v.Detail);
        Assert.Equal([7, 8], v.Runs);
    }

    [Fact]
    public void A_run_with_several_source_IPs_says_how_many()
    {
        var v = Verdict([BindZero(3, 28232, 1, 4, 112928)], MythClaims.Max65535);

        Assert.Equal(VerdictOutcome.DoesNotHold, v.Outcome);
        Assert.Contains("from 4 source IPs", v.Detail);
    }

    [Fact]
    public void Without_a_run_above_65535_it_is_not_settled_and_gives_the_largest_run()
    {
        var v = Verdict([Connect(1, 28232, 1, 28232), Connect(2, 28232, 2, 56464)], MythClaims.Max65535);

        Assert.Equal(VerdictOutcome.NotSettled, v.Outcome);
        Assert.Equal("not settled by these runs", v.OutcomeText);
        Assert.Contains("the largest run held 56,464 (run 2)", v.Detail);
        Assert.Equal([2], v.Runs);
    }

    [Fact]
    public void Interrupted_runs_still_count_because_their_connections_were_real()
    {
        var v = Verdict([Connect(4, 64512, 2, 100000) with { Interrupted = true }], MythClaims.Max65535);

        Assert.Equal(VerdictOutcome.DoesNotHold, v.Outcome);
    }

    [Fact]
    public void Without_rows_it_is_not_settled()
    {
        var v = Verdict([], MythClaims.Max65535);

        Assert.Equal(VerdictOutcome.NotSettled, v.Outcome);
        Assert.Empty(v.Runs);
    }
}
