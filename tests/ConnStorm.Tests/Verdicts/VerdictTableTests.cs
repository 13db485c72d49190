using ConnStorm.Verdicts;

namespace ConnStorm.Tests.Verdicts;

public class VerdictTableTests
{
    [Fact]
    public void The_table_has_a_header_and_one_row_per_verdict()
    {
        var text = VerdictTable.ToMarkdown(
        [
            new("claim A", VerdictOutcome.Holds, "run 1 held 1,000", [1]),
            new("claim B", VerdictOutcome.NotSettled, "no run of this kind", []),
        ]);

        Assert.Equal(
            [
                "| claim | verdict | measured | runs |",
                "|---|---|---|---|",
                "| claim A | holds | run 1 held 1,000 | 1 |",
                "| claim B | not settled by these runs | no run of this kind | none |",
            ],
            text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Pipes_are_escaped_and_line_breaks_do_not_break_the_row()
    {
        var text = VerdictTable.ToMarkdown([new("a | b", VerdictOutcome.DoesNotHold, "x|y\nz", [2, 3])]);

        Assert.Contains(@"| a \| b | does not hold | x\|y z | 2, 3 |", text);
    }

    [Fact]
    public void Run_numbers_get_thousands_separators()
    {
        var text = VerdictTable.ToMarkdown([new("c", VerdictOutcome.Holds, "d", [12345])]);

        Assert.Contains("| 12,345 |", text);
    }

    [Fact]
    public void A_conditional_verdict_shows_its_condition()
    {
        var v = new Verdict("c", VerdictOutcome.HoldsOnly, "d", [1]) { Condition = "the IPs differ" };

        Assert.Contains("| holds only when the IPs differ |", VerdictTable.ToMarkdown([v]));
        Assert.Equal("holds only when …", VerdictOutcome.HoldsOnly.Text());
    }

    [Fact]
    public void Judged_numbers_reach_the_table_with_thousands_separators()
    {
        var verdicts = MythVerdicts.Judge([Rows.Connect(7, 64512, 3, 193536)], Rows.NoConnections);

        var text = VerdictTable.ToMarkdown(verdicts);

        Assert.Contains("run 7 held 193,536 at once", text);
        Assert.Equal(2 + 5, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
