using HdrHistogram;

namespace ConnStorm.Results;

/// <summary>
/// latency.hlog: connect latencies in microseconds as HdrHistogram's standard log (one interval
/// histogram per tag, "worker-&lt;i&gt;"), so percentiles of many workers and hosts merge exactly.
/// </summary>
public static class LatencyLog
{
    /// <summary>Highest trackable connect latency: 60 s in µs.</summary>
    public const long HighestTrackableUs = 60_000_000;

    /// <summary>Significant decimal digits kept: values within 0.1 %.</summary>
    public const int SignificantDigits = 3;

    /// <summary>An empty histogram of the log's shape.</summary>
    public static LongHistogram NewHistogram() => new(HighestTrackableUs, SignificantDigits);

    /// <summary>Writes (replaces) the log with one histogram per tag.</summary>
    public static void Write(string path, IEnumerable<(string Tag, HistogramBase Histogram)> histograms)
    {
        ArgumentNullException.ThrowIfNull(histograms);
        var tagged = histograms.Select(h =>
        {
            var copy = h.Histogram.Copy();
            copy.Tag = h.Tag;
            copy.StartTimeStamp = h.Histogram.StartTimeStamp;
            copy.EndTimeStamp = h.Histogram.EndTimeStamp;
            return copy;
        }).ToArray();
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            var start = tagged.Length == 0 || tagged.All(h => h.StartTimeStamp == 0)
                ? DateTime.UnixEpoch
                : DateTime.UnixEpoch.AddMilliseconds(tagged.Where(h => h.StartTimeStamp > 0).Min(h => h.StartTimeStamp));
            HistogramLogWriter.Write(stream, start, tagged);
        }
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>The log's histograms with their tags ("" for an untagged one), in file order.</summary>
    public static IReadOnlyList<(string Tag, LongHistogram Histogram)> Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new HistogramLogReader(stream);
        var list = new List<(string, LongHistogram)>();
        foreach (var h in reader.ReadHistograms())
        {
            var copy = NewHistogram();
            copy.Add(h);
            copy.StartTimeStamp = h.StartTimeStamp;
            copy.EndTimeStamp = h.EndTimeStamp;
            copy.Tag = h.Tag;
            list.Add((h.Tag ?? "", copy));
        }
        return list;
    }

    /// <summary>The sum of <paramref name="histograms"/>: exact, bucket by bucket.</summary>
    public static LongHistogram Merge(IEnumerable<HistogramBase> histograms)
    {
        ArgumentNullException.ThrowIfNull(histograms);
        var merged = NewHistogram();
        foreach (var h in histograms)
        {
            merged.Add(h);
        }
        return merged;
    }

    /// <summary>p50, p99 and max of a merged histogram; null when it holds nothing.</summary>
    public static LatencyPercentiles? Percentiles(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        return histogram.TotalCount == 0
            ? null
            : new LatencyPercentiles(Int(histogram.GetValueAtPercentile(50)), Int(histogram.GetValueAtPercentile(99)), Int(histogram.GetMaxValue()));
    }

    private static int Int(long value) => (int)Math.Clamp(value, 0, int.MaxValue);
}
