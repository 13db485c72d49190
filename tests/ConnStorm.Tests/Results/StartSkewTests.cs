using ConnStorm.Results;

namespace ConnStorm.Tests.Results;

public sealed class StartSkewTests
{
    private static readonly DateTime Planned = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void LateMs_AHostClockAhead_IsMovedBackByItsOffset()
    {
        // The host's clock runs 3 ms ahead of the coordinator's; it began 2 ms after the start on its own clock.
        var onHostClock = Planned.AddMilliseconds(5);

        Assert.Equal(2.0, StartSkew.LateMs(onHostClock, 3.0, Planned), 6);
    }

    [Fact]
    public void LateMs_AHostThatBeganEarly_IsNegative()
    {
        Assert.Equal(-1.5, StartSkew.LateMs(Planned.AddMilliseconds(-1.5), 0, Planned), 6);
    }

    [Fact]
    public void Of_HandMadeLateness_GivesSpreadMedianAndExtremes()
    {
        var f = StartSkew.Of([4.0, 0.5, 2.0, 1.0, 9.0])!;

        Assert.Equal(5, f.Hosts);
        Assert.Equal(8.5, f.SpreadMs, 6);
        Assert.Equal(0.5, f.MinLateMs, 6);
        Assert.Equal(2.0, f.P50LateMs, 6);
        Assert.Equal(9.0, f.MaxLateMs, 6);
    }

    [Fact]
    public void Of_AnEvenCount_TakesTheLowerMiddleHost_NotAnInterpolation()
    {
        Assert.Equal(2.0, StartSkew.Of([1.0, 2.0, 3.0, 4.0])!.P50LateMs, 6);
    }

    [Fact]
    public void Of_OneHost_HasNoSpread()
    {
        var f = StartSkew.Of([3.0])!;

        Assert.Equal(0, f.SpreadMs);
        Assert.Equal(3.0, f.P50LateMs);
    }

    [Fact]
    public void Of_NoHosts_IsNull()
    {
        Assert.Null(StartSkew.Of([]));
        Assert.Null(StartSkew.Of([double.NaN]));
    }
}
