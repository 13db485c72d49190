using ConnStorm.Sockets;

namespace ConnStorm.Results;

/// <summary>One row of timeline.csv: one interval of the run.</summary>
public sealed record TimelineRow
{
    /// <summary>Column for failures whose errno is not one of <see cref="TimelineErrnos"/>.</summary>
    public const string OtherColumn = "other";

    /// <summary>The errnos with a timeline column of their own, in column order; anything else counts as "other".</summary>
    public static IReadOnlyList<int> TimelineErrnos { get; } =
    [
        Errno.EADDRNOTAVAIL,
        Errno.EADDRINUSE,
        Errno.EMFILE,
        Errno.ENFILE,
        Errno.ECONNREFUSED,
        Errno.ETIMEDOUT,
        Errno.ECONNRESET,
        Errno.EOF,
    ];

    /// <summary>The column names of <see cref="ByErrno"/>, in order: one per <see cref="TimelineErrnos"/> entry, then "other".</summary>
    public static IReadOnlyList<string> ByErrnoNames { get; } = [.. TimelineErrnos.Select(Errno.Name), OtherColumn];

    /// <summary>End of the interval, ms from the first attempt.</summary>
    public double TMs { get; init; }
    /// <summary>Connections open at the end of the interval: established so far − dropped so far.</summary>
    public long Open { get; init; }
    /// <summary>New connections in the interval.</summary>
    public long Established { get; init; }
    public long EstablishedTotal { get; init; }
    /// <summary>Failures in the interval.</summary>
    public long Failures { get; init; }
    /// <summary>The interval's failures by errno: one count per <see cref="TimelineErrnos"/> entry, then "other".</summary>
    public IReadOnlyList<long> ByErrno { get; init; } = new long[TimelineErrnos.Count + 1];
    /// <summary>TIME_WAIT sockets in the lab (sockstat's tw) sampled in the interval; null when not sampled.</summary>
    public long? TimeWait { get; init; }

    /// <summary>The last column of timeline.csv.</summary>
    public const string TimeWaitColumn = "time_wait";

    /// <summary>Index into <see cref="ByErrno"/> for an errno: its timeline column, or the last ("other").</summary>
    public static int ColumnOf(int errno)
    {
        for (var i = 0; i < TimelineErrnos.Count; i++)
        {
            if (TimelineErrnos[i] == errno)
            {
                return i;
            }
        }
        return TimelineErrnos.Count;
    }
}
