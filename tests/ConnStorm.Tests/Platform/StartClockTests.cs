using System.Diagnostics;
using ConnStorm.Platform;

namespace ConnStorm.Tests.Platform;

public sealed class StartClockTests
{
    [LinuxFact]
    public void SleepUntil_AMomentAhead_NeverReturnsBeforeIt()
    {
        for (int i = 0; i < 5; i++)
        {
            long at = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 50;

            Assert.True(StartClock.SleepUntil(at, () => false));

            long woke = Stopwatch.GetTimestamp();
            Assert.True(woke >= at, $"woke {(at - woke) * 1e6 / Stopwatch.Frequency:0} µs early");
            // Generous: the machine is shared; the point is that it does not wait a slice too long.
            Assert.True(woke - at < Stopwatch.Frequency / 5, $"woke {(woke - at) * 1e3 / Stopwatch.Frequency:0.0} ms late");
        }
    }

    [LinuxFact]
    public void SleepUntil_AMomentPast_ReturnsAtOnce()
    {
        var clock = Stopwatch.StartNew();

        Assert.True(StartClock.SleepUntil(Stopwatch.GetTimestamp() - Stopwatch.Frequency, () => false));

        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(100));
    }

    [LinuxFact]
    public void SleepUntil_StoppedWhileFarAhead_ReturnsFalseWithinASlice()
    {
        var clock = Stopwatch.StartNew();
        long at = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 30;

        bool reached = StartClock.SleepUntil(at, () => clock.Elapsed > TimeSpan.FromMilliseconds(50));

        Assert.False(reached);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed.TotalMilliseconds:0} ms to see the stop");
    }

    [LinuxFact]
    public void TicksAt_AUtcMomentAhead_IsThatFarAheadOnTheStopwatch()
    {
        long now = Stopwatch.GetTimestamp();

        long at = StartClock.TicksAt(DateTime.UtcNow.AddSeconds(2));

        double aheadS = (at - now) / (double)Stopwatch.Frequency;
        Assert.InRange(aheadS, 1.9, 2.1);
    }
}
