namespace ConnStorm.Results.Reductions;

/// <summary>
/// One line of the port-range plot: the runs of one (variant, targets, source IPs), as the mean
/// held per port range size (repeats averaged), the single runs behind those means, and the rule's
/// predicted limit where a run attempted past it (elsewhere the run never tested the rule).
/// </summary>
public sealed record PortRangeSeries(string Variant, int Targets, int SourceIps, IReadOnlyList<Point> Means, IReadOnlyList<Point> Singles, IReadOnlyList<Point> Rules)
{
    /// <summary>"connect, 4 targets, 1 source IP".</summary>
    public string Label => $"{Variant}, {Labels.Endpoints(Targets, SourceIps)}";

    /// <summary>The series of the runs that have a port range size, in order of first appearance.</summary>
    public static IReadOnlyList<PortRangeSeries> Of(IEnumerable<RunRow> runs)
    {
        var rows = runs.Where(r => r.PortRangeSize is not null).ToList();
        return [.. rows.GroupBy(r => (r.Variant, r.Targets, r.SourceIps)).Select(g => new PortRangeSeries(
            g.Key.Variant, g.Key.Targets, g.Key.SourceIps,
            MeansOf(g),
            [.. g.Select(r => new Point(r.PortRangeSize!.Value, r.MaxEstablished))],
            [.. g.Where(Tested).Select(r => new Point(r.PortRangeSize!.Value, r.PredictedLimit!.Value)).Distinct().OrderBy(p => p.X)]))];
    }

    /// <summary>Mean held per size, sorted by size (runs.csv is in run order, and sizes repeat).</summary>
    public static IReadOnlyList<Point> MeansOf(IEnumerable<RunRow> runs) =>
        [.. runs.Where(r => r.PortRangeSize is not null).GroupBy(r => r.PortRangeSize!.Value).OrderBy(g => g.Key)
            .Select(g => new Point(g.Key, g.Average(r => (double)r.MaxEstablished)))];

    /// <summary>Whether some size was run more than once in any series (then single runs are drawn as dots).</summary>
    public static bool HasRepeats(IEnumerable<RunRow> runs) =>
        runs.Where(r => r.PortRangeSize is not null).GroupBy(r => (r.Variant, r.Targets, r.SourceIps, r.PortRangeSize)).Any(g => g.Count() > 1);

    /// <summary>A rule is drawn only where the run attempted past it.</summary>
    public static bool Tested(RunRow r) => r.PredictedLimit is { } p && r.Attempted > p;
}
