using ConnStorm.Results;

namespace ConnStorm.Cluster;

/// <summary>
/// Several hosts' timelines as one, on the common clock. A timeline row ending at t covers
/// [t − interval, t) (an event at t_ms counts in interval floor(t_ms / interval)); shifted, it counts
/// in the merged interval holding its shifted start, so every count (established, failures by errno)
/// lands in exactly one merged interval and the merged totals are the hosts' sums. With a shift that is
/// not a whole number of intervals an event can land one interval early, never late. A merged
/// interval's open is the sum of each host's open as of its latest interval there.
/// </summary>
public static class TimelineMerge
{
    public static IReadOnlyList<TimelineRow> Merge(IReadOnlyList<(IReadOnlyList<TimelineRow> Rows, double ShiftMs)> hosts, double intervalMs)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(intervalMs, 0);
        var columns = TimelineRow.TimelineErrnos.Count + 1;
        var bins = hosts.SelectMany(h => h.Rows.Select(r => Bin(r.TMs - intervalMs + h.ShiftMs, intervalMs))).DefaultIfEmpty(0).Max() + 1;
        var established = new long[bins];
        var failures = new long[bins];
        var byErrno = new long[bins, columns];
        var open = new long[bins];
        var timeWait = new long?[bins];
        foreach (var (rows, shift) in hosts)
        {
            var hostOpen = new long?[bins];
            var hostTimeWait = new long?[bins];
            foreach (var r in rows)
            {
                var b = Bin(r.TMs - intervalMs + shift, intervalMs);
                established[b] += r.Established;
                failures[b] += r.Failures;
                for (var c = 0; c < columns && c < r.ByErrno.Count; c++)
                {
                    byErrno[b, c] += r.ByErrno[c];
                }
                hostOpen[b] = r.Open;
                hostTimeWait[b] = r.TimeWait ?? hostTimeWait[b];
            }
            long carried = 0;
            for (var b = 0; b < bins; b++)
            {
                carried = hostOpen[b] ?? carried;
                open[b] += carried;
                if (hostTimeWait[b] is { } tw)
                {
                    timeWait[b] = (timeWait[b] ?? 0) + tw;
                }
            }
        }
        var merged = new List<TimelineRow>(bins);
        long total = 0;
        for (var b = 0; b < bins; b++)
        {
            total += established[b];
            var counts = new long[columns];
            for (var c = 0; c < columns; c++)
            {
                counts[c] = byErrno[b, c];
            }
            merged.Add(new TimelineRow
            {
                TMs = (b + 1) * intervalMs,
                Open = open[b],
                Established = established[b],
                EstablishedTotal = total,
                Failures = failures[b],
                ByErrno = counts,
                TimeWait = timeWait[b],
            });
        }
        return merged;
    }

    /// <summary>The interval [k × interval, (k + 1) × interval) holding <paramref name="tMs"/>, as the recorder bins events; before the start counts in the first.</summary>
    public static int Bin(double tMs, double intervalMs)
    {
        // A row's start is a multiple of the interval on its own clock: round off float noise before the floor.
        var k = (int)Math.Floor(Math.Round(tMs / intervalMs, 6));
        return Math.Max(0, k);
    }

    /// <summary>The step of the hosts' timelines (the first row ends one interval after t = 0); 100 ms when none has a row.</summary>
    public static double IntervalOf(IEnumerable<IReadOnlyList<TimelineRow>> timelines) =>
        timelines.Where(t => t.Count > 0 && t[0].TMs > 0).Select(t => t[0].TMs).DefaultIfEmpty(100).Min();
}
