using ConnStorm.Results.Reductions;

namespace ConnStorm.Tests.Results.Reductions;

public sealed class ChurnSeriesTests
{
    [Fact]
    public void Connects_are_summed_per_one_second_bin_by_the_start_of_their_interval()
    {
        // 500 ms intervals: [0, 0.5) and [0.5, 1) fall in bin 0, [1, 1.5) in bin 1.
        var timeline = new[] { Rows.Interval(500, 0, established: 10), Rows.Interval(1000, 0, established: 20), Rows.Interval(1500, 0, established: 7) };

        Assert.Equal([new Point(0.5, 30), new Point(1.5, 7)], ChurnSeries.Bins(timeline));
    }

    [Fact]
    public void Time_wait_is_drawn_only_where_it_was_sampled()
    {
        var timeline = new[] { Rows.Interval(100, 0, timeWait: 5), Rows.Interval(200, 0), Rows.Interval(300, 0, timeWait: 9) };

        var churn = ChurnSeries.Of(timeline);

        Assert.Equal([new Point(0.1, 5), new Point(0.3, 9)], churn.TimeWait);
        Assert.True(ChurnSeries.HasTimeWait(timeline));
        Assert.False(ChurnSeries.HasTimeWait([Rows.Interval(100, 0)]));
    }
}
