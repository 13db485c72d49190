namespace ConnStorm.Results.Reductions;

/// <summary>
/// churn's series of one run: successful connects per second in bins (the 100 ms intervals are too
/// spiky to read a rate from) and the TIME_WAIT sockets sampled over time.
/// </summary>
public sealed record ChurnSeries(IReadOnlyList<Point> ConnectsPerSecond, IReadOnlyList<Point> TimeWait)
{
    public const double BinSeconds = 1.0;

    public static ChurnSeries Of(IReadOnlyList<TimelineRow> timeline, double binSeconds = BinSeconds) =>
        new(Bins(timeline, binSeconds), [.. timeline.Where(r => r.TimeWait is not null).Select(r => new Point(r.TMs / 1000.0, r.TimeWait!.Value))]);

    /// <summary>
    /// Connects summed per bin and divided by the bin's length; x is the bin's middle. Interval i
    /// ends at t_ms, so it starts one interval earlier, and that start picks its bin.
    /// </summary>
    public static IReadOnlyList<Point> Bins(IReadOnlyList<TimelineRow> timeline, double binSeconds = BinSeconds)
    {
        if (timeline.Count == 0)
        {
            return [];
        }
        var intervalS = IntervalMs(timeline) / 1000.0;
        return [.. timeline.GroupBy(r => Math.Floor(Math.Max(0, r.TMs / 1000.0 - intervalS) / binSeconds))
            .OrderBy(g => g.Key)
            .Select(g => new Point(g.Key * binSeconds + binSeconds / 2, g.Sum(r => r.Established) / binSeconds))];
    }

    /// <summary>Whether some row sampled TIME_WAIT (older timelines and holds have none).</summary>
    public static bool HasTimeWait(IReadOnlyList<TimelineRow> timeline) => timeline.Any(r => r.TimeWait is not null);

    /// <summary>The timeline's interval: the first row's end time (intervals start at 0); 100 ms when unknown.</summary>
    public static double IntervalMs(IReadOnlyList<TimelineRow> timeline) =>
        timeline.Count > 0 && timeline[0].TMs > 0 ? timeline[0].TMs : 100;
}
