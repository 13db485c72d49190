namespace ConnStorm.Results;

/// <summary>p50, p99 and max of a latency sample, in the sample's unit.</summary>
public readonly record struct LatencyPercentiles(int P50, int P99, int Max);

/// <summary>
/// Nearest-rank percentiles: the value at rank ceil(p/100 · N) of the sorted sample. Always a
/// value that was actually measured (no interpolation), which is what a reader of the CSV expects.
/// </summary>
public static class Percentiles
{
    /// <summary>The nearest-rank <paramref name="percentile"/> (0..100) of <paramref name="values"/> (unsorted; not modified); null when empty.</summary>
    public static int? NearestRank(int[] values, double percentile)
    {
        if (values.Length == 0)
        {
            return null;
        }
        var sorted = (int[])values.Clone();
        Array.Sort(sorted);
        return OfSorted(sorted, percentile);
    }

    /// <summary>p50, p99 and max; sorts <paramref name="values"/> in place (the recorder owns the array and sorts it once). Null when empty.</summary>
    public static LatencyPercentiles? SummarizeInPlace(int[] values)
    {
        if (values.Length == 0)
        {
            return null;
        }
        Array.Sort(values);
        return new LatencyPercentiles(OfSorted(values, 50), OfSorted(values, 99), values[^1]);
    }

    private static int OfSorted(int[] sorted, double percentile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        // Rank 1 for p = 0, so the minimum is p0.
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
