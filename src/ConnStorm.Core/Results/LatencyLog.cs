using System.Globalization;
using System.Text;
using HdrHistogram;

namespace ConnStorm.Results;

/// <summary>
/// latency.hlog: a run's connect latencies (µs) in HdrHistogram's standard interval log format,
/// one histogram per worker tagged <c>worker-&lt;i&gt;</c>. Histograms add up exactly (their counts
/// are summed bucket by bucket), so percentiles of several workers, or several hosts, are the
/// percentiles of all their connections together, within the histogram's precision: a reported
/// value is the highest value equivalent to the recorded one at 3 significant digits (exact up
/// to 2047 µs, then within 0.1 %).
/// </summary>
public static class LatencyLog
{
    /// <summary>Connect latencies above this (60 s) are recorded as this; no connect() waits that long by default.</summary>
    public const long HighestTrackableUs = 60_000_000;

    public const int SignificantDigits = 3;

    public const string WorkerTagPrefix = "worker-";

    /// <summary>An empty histogram of connect latency in µs, 1 µs .. 60 s at 3 significant digits.</summary>
    public static LongHistogram NewHistogram() => new(1, HighestTrackableUs, SignificantDigits);

    /// <summary>The tag of worker <paramref name="index"/>'s histogram: "worker-0".</summary>
    public static string WorkerTag(int index) => WorkerTagPrefix + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>Records one connect latency, clamped into the trackable range (a negative or huge value never throws).</summary>
    public static void Record(HistogramBase histogram, long connectUs)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        histogram.RecordValue(Math.Clamp(connectUs, 0, HighestTrackableUs));
    }

    /// <summary>
    /// Writes <paramref name="histograms"/> (each with its Tag and its Start/EndTimeStamp, ms since
    /// the epoch) as one log whose start time is <paramref name="startUtc"/>.
    /// </summary>
    public static void Write(string path, DateTime startUtc, IEnumerable<HistogramBase> histograms)
    {
        ArgumentNullException.ThrowIfNull(histograms);
        // HdrHistogram.NET writes UTF-16 with a byte order mark; the format's other readers (Java's
        // HistogramLogProcessor, Python's hdrh) expect ASCII, so the text is re-encoded as UTF-8.
        // HdrHistogram.NET's own reader detects either.
        using var utf16 = new MemoryStream();
        using (var writer = new HistogramLogWriter(utf16))
        {
            writer.Write(startUtc, [.. histograms]);
        }
        utf16.Position = 0;
        using var text = new StreamReader(utf16, detectEncodingFromByteOrderMarks: true);
        File.WriteAllText(path, text.ReadToEnd(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    /// <summary>Every histogram of the log at <paramref name="path"/>, in file order, with its tag (null when untagged).</summary>
    public static IReadOnlyList<HistogramBase> Read(string path)
    {
        List<HistogramBase> histograms;
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        using (var reader = new HistogramLogReader(file))
        {
            histograms = [.. reader.ReadHistograms()];
        }
        ExactTimestamps(File.ReadLines(path), histograms);
        return histograms;
    }

    /// <summary>
    /// HdrHistogram.NET's reader turns "1796039464.085" seconds into milliseconds through a double and
    /// truncates, so a start or end can come back 1 ms early. Each data line's own decimal text gives
    /// the exact value; it is taken only where it is that close (a log with relative times is left as read).
    /// </summary>
    private static void ExactTimestamps(IEnumerable<string> lines, List<HistogramBase> histograms)
    {
        int i = 0;
        foreach (var line in lines)
        {
            if (i >= histograms.Count)
            {
                break;
            }
            if (line.Length == 0 || line[0] == '#' || line[0] == '"')
            {
                continue;
            }
            var f = line.Split(',');
            int at = f[0].StartsWith("Tag=", StringComparison.Ordinal) ? 1 : 0;
            var h = histograms[i++];
            if (f.Length > at + 1 &&
                decimal.TryParse(f[at], NumberStyles.Float, CultureInfo.InvariantCulture, out var start) &&
                decimal.TryParse(f[at + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var length))
            {
                long startMs = (long)Math.Round(start * 1000), endMs = (long)Math.Round((start + length) * 1000);
                h.StartTimeStamp = Math.Abs(startMs - h.StartTimeStamp) <= 1 ? startMs : h.StartTimeStamp;
                h.EndTimeStamp = Math.Abs(endMs - h.EndTimeStamp) <= 1 ? endMs : h.EndTimeStamp;
            }
        }
    }

    /// <summary>
    /// The sum of <paramref name="histograms"/>: one histogram holding every value each of them holds,
    /// spanning the earliest start to the latest end. Empty (TotalCount 0) when given none.
    /// </summary>
    public static LongHistogram Merge(IEnumerable<HistogramBase> histograms)
    {
        ArgumentNullException.ThrowIfNull(histograms);
        var sum = NewHistogram();
        long start = long.MaxValue, end = 0;
        foreach (var h in histograms)
        {
            sum.Add(h);
            if (h.StartTimeStamp > 0)
            {
                start = Math.Min(start, h.StartTimeStamp);
            }
            end = Math.Max(end, h.EndTimeStamp);
        }
        sum.StartTimeStamp = start == long.MaxValue ? 0 : start;
        sum.EndTimeStamp = end;
        return sum;
    }

    /// <summary>p50, p90, p99, p99.9 and max of <paramref name="histogram"/>, as HdrHistogram reports them; null when it is empty.</summary>
    public static LatencyPercentiles? Summarize(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        if (histogram.TotalCount == 0)
        {
            return null;
        }
        return new LatencyPercentiles(
            At(histogram, 50), At(histogram, 90), At(histogram, 99), At(histogram, 99.9),
            (int)Math.Min(histogram.GetMaxValue(), int.MaxValue));
    }

    private static int At(HistogramBase histogram, double percentile) =>
        (int)Math.Min(histogram.GetValueAtPercentile(percentile), int.MaxValue);
}
