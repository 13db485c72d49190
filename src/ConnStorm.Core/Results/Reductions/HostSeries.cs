namespace ConnStorm.Results.Reductions;

/// <summary>A cluster run's open connections per host on the common clock, for a line per host next to the total.</summary>
public sealed record HostSeries(string Host, IReadOnlyList<Point> Open)
{
    /// <summary>Each host's open connections over time (seconds on the common clock, count), in the order given.</summary>
    public static IReadOnlyList<HostSeries> Of(IReadOnlyList<HostTimeline> hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        return [.. hosts.Select(h => new HostSeries(h.Host, [.. h.Rows.Select(r => new Point((r.TMs + h.ShiftMs) / 1000.0, r.Open))]))];
    }
}
