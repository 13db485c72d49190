using ConnStorm.Results.Reductions;

namespace ConnStorm.Tests.Results.Reductions;

public sealed class PortRangeSeriesTests
{
    [Fact]
    public void Runs_are_grouped_by_variant_targets_and_source_ips_in_first_seen_order()
    {
        var runs = new[] { Rows.Run(1, "connect", targets: 1), Rows.Run(2, "bind"), Rows.Run(3, "connect", targets: 3), Rows.Run(4, "connect", size: 4000, held: 4000, targets: 1) };

        var series = PortRangeSeries.Of(runs);

        Assert.Equal(["connect, 1 target, 1 source IP", "bind, 1 target, 1 source IP", "connect, 3 targets, 1 source IP"], series.Select(s => s.Label));
        Assert.Equal([new Point(1000, 1000), new Point(4000, 4000)], series[0].Means);
    }

    [Fact]
    public void Repeated_sizes_are_averaged_and_the_single_runs_kept()
    {
        var runs = new[] { Rows.Run(1, held: 1000), Rows.Run(2, held: 990), Rows.Run(3, size: 2000, held: 2000) };

        var series = Assert.Single(PortRangeSeries.Of(runs));

        Assert.Equal([new Point(1000, 995), new Point(2000, 2000)], series.Means);
        Assert.Equal(3, series.Singles.Count);
        Assert.True(PortRangeSeries.HasRepeats(runs));
    }

    [Fact]
    public void A_rule_ring_is_drawn_only_where_the_run_attempted_past_it()
    {
        var runs = new[] { Rows.Run(1, predicted: 1000, attempted: 1200), Rows.Run(2, size: 2000, held: 1500, predicted: 2000, attempted: 1500), Rows.Run(3, size: 3000, predicted: null) };

        var series = Assert.Single(PortRangeSeries.Of(runs));

        Assert.Equal([new Point(1000, 1000)], series.Rules);
    }

    [Fact]
    public void Runs_without_a_port_range_size_are_left_out() =>
        Assert.Empty(PortRangeSeries.Of([Rows.Run(1, size: null)]));

    [Fact]
    public void Kernel_chosen_sources_are_named_so() =>
        Assert.Equal("bind, 2 targets, kernel-chosen source IP", Assert.Single(PortRangeSeries.Of([Rows.Run(1, "bind", targets: 2, sourceIps: 0)])).Label);
}
