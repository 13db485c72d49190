using ConnStorm.Results.Reductions;

namespace ConnStorm.Tests.Results.Reductions;

public sealed class ThinningTests
{
    [Fact]
    public void A_small_series_is_kept_whole() => Assert.Equal([1, 2, 3], Thinning.Every([1, 2, 3], 10));

    [Fact]
    public void A_large_series_keeps_every_nth_row_up_to_the_budget()
    {
        var rows = Enumerable.Range(0, 160_000).ToList();

        var kept = Thinning.Every(rows, 20_000);

        Assert.Equal(8, Thinning.Step(rows.Count, 20_000));
        Assert.Equal(20_000, kept.Count);
        Assert.Equal([0, 8, 16], kept.Take(3));
    }
}
