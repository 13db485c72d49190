using ConnStorm.Results.Reductions;

namespace ConnStorm.Tests.Results.Reductions;

public sealed class FailureSeriesTests
{
    [Fact]
    public void Only_errnos_that_happen_get_a_series_with_their_nonzero_intervals()
    {
        var timeline = new[] { Rows.Interval(20, 10), Rows.Interval(40, 20, eaddrnotavail: 3), Rows.Interval(60, 20) };

        var failures = FailureSeries.Of(timeline);

        var only = Assert.Single(failures);
        Assert.Equal("EADDRNOTAVAIL", only.Errno);
        Assert.Equal([new Point(0.04, 3)], only.Counts);
        Assert.Equal(20, FailureSeries.IntervalMs(timeline));
        Assert.Equal([new Point(0.02, 10), new Point(0.04, 20), new Point(0.06, 20)], FailureSeries.Open(timeline));
    }
}
