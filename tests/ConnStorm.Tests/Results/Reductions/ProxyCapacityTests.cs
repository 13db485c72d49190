using ConnStorm.Results.Reductions;

namespace ConnStorm.Tests.Results.Reductions;

public sealed class ProxyCapacityTests
{
    private static ConnStorm.Results.RunRow Proxy(int n, int range, int backends, string source, long held) =>
        Rows.Run(n, size: range, held: held) with { ProxyBackends = backends, ProxySource = source };

    [Fact]
    public void Slots_go_by_range_then_backends_and_each_source_is_a_series_with_its_rule()
    {
        var runs = new[] { Proxy(1, 200, 1, "none", 200), Proxy(2, 100, 4, "none", 400), Proxy(3, 100, 1, "127.0.0.2-127.0.0.5", 400) };

        var data = ProxyCapacity.Of(runs)!;

        Assert.Equal([(100, 1), (100, 4), (200, 1)], data.Slots);
        Assert.Equal(["none", "127.0.0.2-127.0.0.5"], data.Sources.Select(s => s.Source));
        Assert.Equal([new Point(1, 400), new Point(2, 200)], data.Sources[0].Carried);
        Assert.Equal([new Point(0, 400)], data.Sources[1].Rule);
        Assert.Equal("proxy source: none (the kernel picks 127.0.0.1)", data.Sources[0].Label);
    }

    [Fact]
    public void Runs_without_a_proxy_give_nothing() => Assert.Null(ProxyCapacity.Of([Rows.Run(1)]));

    [Theory]
    [InlineData("none", 1)]
    [InlineData("127.0.0.2", 1)]
    [InlineData("127.0.0.2-127.0.0.5", 4)]
    [InlineData("not an address", 1)]
    public void Source_addresses_are_counted(string source, int count) => Assert.Equal(count, ProxyCapacity.SourceCount(source));
}
