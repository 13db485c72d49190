using ConnStorm.Results.Reductions;

namespace ConnStorm.Tests.Results.Reductions;

public sealed class PanelPickTests
{
    [Fact]
    public void All_runs_get_a_panel_when_they_fit()
    {
        var runs = Enumerable.Range(1, 16).Select(n => Rows.Run(n)).ToList();

        Assert.Equal(runs, PanelPick.Runs(runs));
        Assert.Equal("", PanelPick.Note(16, 16));
    }

    [Fact]
    public void Beyond_sixteen_the_first_fifteen_and_the_largest_are_shown_in_run_order()
    {
        var runs = Enumerable.Range(1, 43).Select(n => Rows.Run(n, held: n == 30 ? 160_000 : 1000)).ToList();

        var picked = PanelPick.Runs(runs);

        Assert.Equal([.. Enumerable.Range(1, 15), 30], picked.Select(r => r.Run));
        Assert.Equal(" (16 of 43 runs shown: the first 15 and the largest)", PanelPick.Note(16, 43));
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 2, 2)]
    [InlineData(9, 3, 3)]
    [InlineData(16, 4, 4)]
    public void The_grid_is_nearly_square(int panels, int rows, int columns) =>
        Assert.Equal((rows, columns), PanelPick.Grid(panels));
}
