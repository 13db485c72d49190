using ConnStorm.Results;
using ConnStorm.Results.Reductions;

namespace ConnStorm.Tests.Results.Reductions;

public sealed class HostSeriesTests
{
    [Fact]
    public void Each_hosts_open_count_is_put_on_the_common_clock_in_seconds()
    {
        IReadOnlyList<HostTimeline> hosts =
        [
            new("a1", 0, [new TimelineRow { TMs = 100, Open = 3 }, new TimelineRow { TMs = 200, Open = 4 }]),
            new("a2", 250, [new TimelineRow { TMs = 100, Open = 2 }]),
        ];

        var series = HostSeries.Of(hosts);

        Assert.Equal(["a1", "a2"], series.Select(s => s.Host));
        Assert.Equal([new Point(0.1, 3), new Point(0.2, 4)], series[0].Open);
        Assert.Equal([new Point(0.35, 2)], series[1].Open);
    }

    [Fact]
    public void No_hosts_give_no_series()
    {
        Assert.Empty(HostSeries.Of([]));
    }
}
