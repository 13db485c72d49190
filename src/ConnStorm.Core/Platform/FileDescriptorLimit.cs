using System.Runtime.Versioning;
using ConnStorm.Platform.Interop;

namespace ConnStorm.Platform;

/// <summary>RLIMIT_NOFILE as this process has it: read it, raise soft to hard, never assume.</summary>
[SupportedOSPlatform("linux")]
public static unsafe class FileDescriptorLimit
{
    public static (ulong Soft, ulong Hard) Read()
    {
        Libc.RLimit l;
        Libc.GetRLimit(Libc.RLIMIT_NOFILE, &l);
        return (l.Current, l.Maximum);
    }

    /// <summary>Raises the soft limit to the hard limit (no privilege needed) and returns the new soft limit.</summary>
    public static ulong RaiseSoftToHard()
    {
        Libc.RLimit l;
        Libc.GetRLimit(Libc.RLIMIT_NOFILE, &l);
        if (l.Current < l.Maximum)
        {
            l.Current = l.Maximum;
            Libc.SetRLimit(Libc.RLIMIT_NOFILE, &l);
            Libc.GetRLimit(Libc.RLIMIT_NOFILE, &l);
        }
        return l.Current;
    }

    /// <summary>Sets both limits (raising the hard one needs CAP_SYS_RESOURCE: root in a micro-VM, not always on a host); false when the kernel refused.</summary>
    public static bool TrySet(ulong soft, ulong hard)
    {
        var l = new Libc.RLimit { Current = soft, Maximum = hard };
        return Libc.SetRLimit(Libc.RLIMIT_NOFILE, &l) == 0;
    }

    /// <summary>
    /// Raises the soft limit to the hard limit, then lowers it to <paramref name="cap"/> when one is
    /// given (a run split over processes gives each the same budget). Returns the soft limit in force.
    /// </summary>
    public static ulong RaiseThenCap(ulong? cap)
    {
        ulong soft = RaiseSoftToHard();
        if (cap is { } c && c < soft)
        {
            Libc.RLimit l;
            Libc.GetRLimit(Libc.RLIMIT_NOFILE, &l);
            l.Current = c;
            Libc.SetRLimit(Libc.RLIMIT_NOFILE, &l);
            soft = Read().Soft;
        }
        return soft;
    }

    /// <summary>Descriptors open in this process right now (entries in /proc/self/fd).</summary>
    public static int OpenNow() => Directory.GetFiles("/proc/self/fd").Length;
}
