namespace ConnStorm.Results.Reductions;

/// <summary>The failures of one errno column of timeline.csv over time (count per interval), for a run that had some.</summary>
public sealed record FailureSeries(string Errno, IReadOnlyList<Point> Counts)
{
    /// <summary>Only errnos that happen in the run, in column order, each with its non-zero intervals.</summary>
    public static IReadOnlyList<FailureSeries> Of(IReadOnlyList<TimelineRow> timeline) =>
        [.. TimelineRow.ByErrnoNames.Select((name, i) => new FailureSeries(name,
                [.. timeline.Where(r => i < r.ByErrno.Count && r.ByErrno[i] > 0).Select(r => new Point(r.TMs / 1000.0, r.ByErrno[i]))]))
            .Where(s => s.Counts.Count > 0)];

    /// <summary>Open connections over time (seconds, count).</summary>
    public static IReadOnlyList<Point> Open(IReadOnlyList<TimelineRow> timeline) =>
        [.. timeline.Select(r => new Point(r.TMs / 1000.0, r.Open))];

    /// <summary>The step between rows in ms, from the first two rows; null with fewer rows.</summary>
    public static double? IntervalMs(IReadOnlyList<TimelineRow> timeline) =>
        timeline.Count >= 2 && timeline[1].TMs > timeline[0].TMs ? timeline[1].TMs - timeline[0].TMs : null;
}
