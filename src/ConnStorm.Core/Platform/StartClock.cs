using System.Diagnostics;
using System.Runtime.Versioning;
using ConnStorm.Platform.Interop;

namespace ConnStorm.Platform;

/// <summary>
/// Waiting for an absolute moment on the monotonic clock that every process of a host shares
/// (Stopwatch ticks are CLOCK_MONOTONIC on Linux), so a worker wakes at the common start itself
/// instead of waiting for a message that is sent at the start.
/// </summary>
[SupportedOSPlatform("linux")]
public static class StartClock
{
    /// <summary>How long one sleep lasts at most, so a stop is seen while the start is still far.</summary>
    private static readonly long SliceTicks = Stopwatch.Frequency / 10;

    /// <summary>
    /// Stopwatch ticks at the UTC moment <paramref name="atUtc"/>, from one reading of both clocks
    /// (their pairing costs well under a microsecond).
    /// </summary>
    public static long TicksAt(DateTime atUtc)
    {
        long now = Stopwatch.GetTimestamp();
        var utc = DateTime.UtcNow;
        return now + (long)((atUtc - utc).TotalSeconds * Stopwatch.Frequency);
    }

    /// <summary>
    /// Sleeps until Stopwatch.GetTimestamp() ≥ <paramref name="ticks"/> or <paramref name="stopped"/> says
    /// true (checked every 100 ms). The last slice is one clock_nanosleep(CLOCK_MONOTONIC,
    /// TIMER_ABSTIME): the kernel's hrtimer wakes the thread at the moment (timer slack, 50 µs by
    /// default), where a relative sleep would add the time spent getting to it and the thread pool's
    /// and Thread.Sleep's millisecond granularity. Returns false when stopped first; never returns
    /// true before the moment.
    /// </summary>
    public static unsafe bool SleepUntil(long ticks, Func<bool> stopped)
    {
        while (true)
        {
            if (stopped())
            {
                return false;
            }
            long now = Stopwatch.GetTimestamp();
            if (now >= ticks)
            {
                return true;
            }
            long until = Math.Min(ticks, now + SliceTicks);
            long ns = Nanoseconds(until);
            var at = new Libc.TimeSpec { Seconds = ns / 1_000_000_000, Nanoseconds = ns % 1_000_000_000 };
            // EINTR (a signal) or any other return: the loop reads the clock again; the time is absolute.
            _ = Libc.ClockNanosleep(Libc.CLOCK_MONOTONIC, Libc.TIMER_ABSTIME, &at, null);
        }
    }

    /// <summary>
    /// Puts the calling thread in SCHED_FIFO (priority 1) until the result is disposed, which puts it
    /// back in SCHED_OTHER. A thread woken at the start is then run at once instead of queueing behind
    /// every other runnable task of the host (measured: up to 20 ms late under CFS on a busy 2-core
    /// host); it must be disposed right after the first connect(), so the real-time class covers one
    /// wake-up and one system call (the kernel's RT throttling, 95% by default, bounds any mistake).
    /// Without CAP_SYS_NICE (not root) it does nothing and says so in <see cref="Boost.Raised"/>.
    /// </summary>
    public static unsafe Boost RaiseForStart()
    {
        var p = new Libc.SchedParam { Priority = 1 };
        return new Boost(Libc.SchedSetScheduler(0, Libc.SCHED_FIFO, &p) == 0);
    }

    /// <summary>The calling thread's stay in SCHED_FIFO; Dispose ends it (on the same thread; once).</summary>
    public sealed class Boost(bool raised) : IDisposable
    {
        public bool Raised { get; private set; } = raised;

        public unsafe void Dispose()
        {
            if (Raised)
            {
                var p = new Libc.SchedParam { Priority = 0 };
                _ = Libc.SchedSetScheduler(0, Libc.SCHED_OTHER, &p);
                Raised = false;
            }
        }
    }

    /// <summary>Stopwatch ticks to CLOCK_MONOTONIC nanoseconds (Frequency is 1e9 on Linux; converted in case it is not), rounded up.</summary>
    private static long Nanoseconds(long ticks) => Stopwatch.Frequency == 1_000_000_000
        ? ticks
        : (long)Math.Ceiling(ticks * (1e9 / Stopwatch.Frequency));
}
