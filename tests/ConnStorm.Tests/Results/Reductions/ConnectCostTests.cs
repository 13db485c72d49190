using ConnStorm.Results.Reductions;

namespace ConnStorm.Tests.Results.Reductions;

public sealed class ConnectCostTests
{
    [Fact]
    public void Each_connect_falls_in_the_1_percent_window_of_the_fill_it_made()
    {
        Assert.Equal(0, ConnectCost.WindowOf(0, 10000));
        Assert.Equal(0, ConnectCost.WindowOf(99, 10000));
        Assert.Equal(1, ConnectCost.WindowOf(100, 10000));
        Assert.Equal(99, ConnectCost.WindowOf(9999, 10000));
        // The connect that fails after the range is used up lands in the last window, never past it.
        Assert.Equal(99, ConnectCost.WindowOf(10000, 10000));
    }

    [Fact]
    public void Percentiles_are_nearest_rank_over_the_values_in_any_order()
    {
        long[] values = [5, 1, 4, 2, 3];
        Assert.Equal(3, ConnectCost.Median(values));
        Assert.Equal(5, ConnectCost.Percentile(values, 0.9));
        Assert.Equal(1, ConnectCost.Percentile(values, 0.01));
        Assert.Equal(0, ConnectCost.Median([]));
    }

    [Fact]
    public void Ratios_divide_every_window_by_the_window_that_reached_10_percent()
    {
        var medians = Enumerable.Range(1, 100).Select(k => (long)(k * 100)).ToList();

        var ratios = ConnectCost.Ratios(medians);

        Assert.Equal(100, ratios.Count);
        Assert.Equal(new Point(10, 1), ratios[9]);
        Assert.Equal(new Point(99, 9.9), ratios[98]);
        Assert.Equal(5.0, ConnectCost.RatioAt(medians, 50));
    }

    [Fact]
    public void Without_a_time_at_10_percent_there_is_no_ratio()
    {
        var medians = Enumerable.Repeat(0L, 100).ToList();
        Assert.Empty(ConnectCost.Ratios(medians));
        Assert.Null(ConnectCost.RatioAt(medians, 99));
    }
}
