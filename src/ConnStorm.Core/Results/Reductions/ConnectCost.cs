namespace ConnStorm.Results.Reductions;

/// <summary>
/// The connect-cost probe's case as plots and comparisons read it: the median connect() time of
/// each 1% of one destination's port space (values), and the ratios to the cost at 10%.
/// </summary>
public static class ConnectCost
{
    public const string Probe = "connect-cost";
    public const string Case = "fill-one-destination";
    /// <summary>Windows of 1% each: window k (1-based) holds the connects that took the fill from k-1% to k%.</summary>
    public const int Windows = 100;
    /// <summary>The fill every ratio is taken against.</summary>
    public const int Reference = 10;

    /// <summary>The fills a comparison names: 10% (the reference), 50%, 90%, 99%.</summary>
    public static IReadOnlyList<int> Fills { get; } = [10, 50, 90, 99];

    public static string CostKey(int fill) => $"cost_ns_{fill}";

    public static string RatioKey(int fill) => $"cost_ratio_{fill}_to_{Reference}";

    /// <summary>The 0-based window of the connect with 0-based index <paramref name="index"/> on a range of <paramref name="size"/> ports.</summary>
    public static int WindowOf(int index, int size) => Math.Clamp((int)((long)index * Windows / size), 0, Windows - 1);

    public static long Median(IReadOnlyList<long> values) => Percentile(values, 0.5);

    /// <summary>The nearest-rank percentile (0 &lt; q ≤ 1) of the values; 0 when there are none.</summary>
    public static long Percentile(IReadOnlyList<long> values, double q)
    {
        if (values.Count == 0) return 0;
        var sorted = values.Order().ToList();
        int rank = (int)Math.Ceiling(q * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    /// <summary>The probes file's connect-cost case with a full curve, or null.</summary>
    public static ProbesFileCase? Of(ProbesFile probes) =>
        probes.Cases.FirstOrDefault(c => c.Probe == Probe && c.Case == Case && c.Values is { Count: Windows });

    /// <summary>(fill %, cost / cost at 10%) for every window with a time; empty when the 10% window has none.</summary>
    public static IReadOnlyList<Point> Ratios(IReadOnlyList<long> medians)
    {
        if (medians.Count < Reference || medians[Reference - 1] <= 0) return [];
        double reference = medians[Reference - 1];
        return [.. medians.Select((v, i) => (v, i)).Where(p => p.v > 0).Select(p => new Point(p.i + 1, p.v / reference))];
    }

    /// <summary>The ratio at one of <see cref="Fills"/> from the curve (the same numbers the probe recorded).</summary>
    public static double? RatioAt(IReadOnlyList<long> medians, int fill) =>
        medians.Count >= fill && medians.Count >= Reference && medians[Reference - 1] > 0 && medians[fill - 1] > 0
            ? medians[fill - 1] / (double)medians[Reference - 1]
            : null;

    /// <summary>For a compare folder: each folder that has the curve, in column order.</summary>
    public static IReadOnlyList<(CompareSource Folder, ProbesFileCase Data)> Across(CompareFile compare) =>
        [.. compare.Columns.Where(c => c.Probes is not null).Select(c => (Folder: c, Data: Of(c.Probes!))).Where(p => p.Data is not null).Select(p => (p.Folder, p.Data!))];
}
