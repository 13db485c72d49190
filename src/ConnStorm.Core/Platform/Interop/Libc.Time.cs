using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace ConnStorm.Platform.Interop;

internal static unsafe partial class Libc
{
    internal const int CLOCK_MONOTONIC = 1;
    internal const int TIMER_ABSTIME = 1;
    internal const int EINTR = 4;

    [StructLayout(LayoutKind.Sequential)]
    internal struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    /// <summary>Returns 0 or an errno (not -1: clock_nanosleep does not set errno).</summary>
    [SupportedOSPlatform("linux")]
    [LibraryImport(LibC, EntryPoint = "clock_nanosleep")]
    internal static partial int ClockNanosleep(int clock, int flags, TimeSpec* request, TimeSpec* remain);

    internal const int SCHED_OTHER = 0;
    internal const int SCHED_FIFO = 1;

    [StructLayout(LayoutKind.Sequential)]
    internal struct SchedParam
    {
        public int Priority;
    }

    /// <summary>pid 0 is the calling thread (Linux schedules threads); -1 with errno on failure.</summary>
    [SupportedOSPlatform("linux")]
    [LibraryImport(LibC, EntryPoint = "sched_setscheduler", SetLastError = true)]
    internal static partial int SchedSetScheduler(int pid, int policy, SchedParam* param);
}
