using ConnStorm.Results.Reductions;

namespace ConnStorm.Tests.Results.Reductions;

public sealed class LatencyPointsTests
{
    [Theory]
    [InlineData("10.0.0.1:40001", 40001)]
    [InlineData("[fd00::1]:40002", 40002)]
    [InlineData("no-port", null)]
    public void The_source_port_follows_the_last_colon(string source, int? port) => Assert.Equal(port, LatencyPoints.Port(source));

    [Fact]
    public void Even_and_odd_source_ports_are_split_and_placed_by_how_full_the_space_was()
    {
        var connections = new[] { Rows.Connection(0, "10.0.0.1:40000", 12), Rows.Connection(1, "10.0.0.1:40001", 0), Rows.Connection(2, "[fd00::1]:40002", 30) };

        var points = LatencyPoints.Of(connections, capacity: 4, syscall: true);

        Assert.Equal([new Point(0, 12), new Point(50, 30)], points.Even);
        // Below the 1 µs resolution a time is drawn at 1 µs, for the log axis.
        Assert.Equal([new Point(25, 1)], points.Odd);
        Assert.True(points.CapacityKnown);
    }

    [Fact]
    public void Without_syscall_us_the_connect_time_is_used_and_without_a_limit_the_row_count()
    {
        var points = LatencyPoints.Of([Rows.Connection(0, "10.0.0.1:40000", 0, 77), Rows.Connection(1, "10.0.0.1:40002", 0, 88)], capacity: null, syscall: false);

        Assert.Equal([new Point(0, 77), new Point(50, 88)], points.Even);
        Assert.False(points.CapacityKnown);
    }

    [Fact]
    public void The_capacity_is_the_rules_limit_or_range_times_targets()
    {
        Assert.Equal(3000, LatencyPoints.CapacityOf(Rows.Run(1, predicted: 3000)));
        Assert.Equal(4000, LatencyPoints.CapacityOf(Rows.Run(1, size: 1000, targets: 4, predicted: null)));
        Assert.Null(LatencyPoints.CapacityOf(Rows.Run(1, size: null, predicted: null)));
    }
}
