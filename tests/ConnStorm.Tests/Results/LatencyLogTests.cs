using ConnStorm.Results;
using HdrHistogram;
using static ConnStorm.Tests.TestSupport.Samples;

namespace ConnStorm.Tests.Results;

public class LatencyLogTests
{
    private static readonly DateTime Start = new(2026, 11, 30, 12, 0, 0, 250, DateTimeKind.Utc);

    private static LongHistogram Of(string tag, IEnumerable<long> values)
    {
        var h = LatencyLog.NewHistogram();
        foreach (var v in values)
        {
            LatencyLog.Record(h, v);
        }
        h.Tag = tag;
        h.StartTimeStamp = new DateTimeOffset(Start).ToUnixTimeMilliseconds();
        h.EndTimeStamp = h.StartTimeStamp + 1500;
        return h;
    }

    // Spread over several orders of magnitude, so the sum crosses buckets of different resolution.
    private static readonly long[] Fast = [.. Enumerable.Range(1, 4000).Select(i => (long)(37 + i * 3))];
    private static readonly long[] Slow = [.. Enumerable.Range(1, 700).Select(i => (long)(900 + i * i * 41))];

    private static (long Value, long Count)[] Counts(HistogramBase h) =>
        [.. h.RecordedValues().Select(v => (v.ValueIteratedTo, v.CountAtValueIteratedTo))];

    [Fact]
    public void Merging_two_histograms_gives_the_histogram_of_all_their_values()
    {
        var merged = LatencyLog.Merge([Of("worker-0", Fast), Of("worker-1", Slow)]);
        var all = Of("all", Fast.Concat(Slow));

        Assert.Equal(Fast.Length + Slow.Length, merged.TotalCount);
        Assert.Equal(Counts(all), Counts(merged));
        foreach (var p in new[] { 0.0, 10, 50, 90, 99, 99.9, 100 })
        {
            Assert.Equal(all.GetValueAtPercentile(p), merged.GetValueAtPercentile(p));
        }
        Assert.Equal(LatencyLog.Summarize(all), LatencyLog.Summarize(merged));
    }

    [Fact]
    public void Merging_keeps_the_span_from_the_earliest_start_to_the_latest_end()
    {
        var a = Of("worker-0", Fast);
        var b = Of("worker-1", Slow);
        b.StartTimeStamp += 200;
        b.EndTimeStamp += 900;

        var merged = LatencyLog.Merge([a, b]);

        Assert.Equal(a.StartTimeStamp, merged.StartTimeStamp);
        Assert.Equal(b.EndTimeStamp, merged.EndTimeStamp);
    }

    [Fact]
    public void Merging_nothing_gives_an_empty_histogram_without_percentiles()
    {
        var merged = LatencyLog.Merge([]);

        Assert.Equal(0, merged.TotalCount);
        Assert.Null(LatencyLog.Summarize(merged));
    }

    [Fact]
    public void A_log_written_then_read_keeps_each_histograms_tag_counts_and_interval()
    {
        using var dir = new TempDir();
        var path = dir.File(ResultFiles.LatencyLog);
        var written = new HistogramBase[] { Of("worker-0", Fast), Of("worker-1", Slow), Of("worker-2", []) };

        LatencyLog.Write(path, Start, written);
        var read = LatencyLog.Read(path);

        Assert.Equal(["worker-0", "worker-1", "worker-2"], read.Select(h => h.Tag));
        for (int i = 0; i < written.Length; i++)
        {
            Assert.Equal(written[i].TotalCount, read[i].TotalCount);
            Assert.Equal(Counts(written[i]), Counts(read[i]));
            Assert.Equal(written[i].StartTimeStamp, read[i].StartTimeStamp);
            Assert.Equal(written[i].EndTimeStamp, read[i].EndTimeStamp);
        }
        Assert.Equal(Counts(LatencyLog.Merge(written)), Counts(LatencyLog.Merge(read)));
    }

    [Theory]
    [InlineData(1, 4)]
    [InlineData(1, 31)]
    [InlineData(85, 70)]
    public void A_log_read_back_keeps_each_interval_to_the_millisecond(int startMs, int lengthMs)
    {
        using var dir = new TempDir();
        var path = dir.File(ResultFiles.LatencyLog);
        var start = new DateTime(2026, 11, 30, 11, 51, 4, startMs, DateTimeKind.Utc);
        var h = Of("worker-0", Fast);
        h.StartTimeStamp = new DateTimeOffset(start).ToUnixTimeMilliseconds();
        h.EndTimeStamp = h.StartTimeStamp + lengthMs;

        LatencyLog.Write(path, start, [h]);
        var read = Assert.Single(LatencyLog.Read(path));

        Assert.Equal((h.StartTimeStamp, h.EndTimeStamp), (read.StartTimeStamp, read.EndTimeStamp));
    }

    [Fact]
    public void A_log_is_hdrhistograms_text_format_in_ascii_as_other_languages_readers_expect()
    {
        using var dir = new TempDir();
        var path = dir.File(ResultFiles.LatencyLog);

        LatencyLog.Write(path, Start, [Of("worker-0", Fast)]);
        var bytes = File.ReadAllBytes(path);
        var lines = System.Text.Encoding.ASCII.GetString(bytes).Split('\n');

        // No byte order mark, no UTF-16 (HdrHistogram.NET's own writer emits both).
        Assert.All(bytes, b => Assert.InRange(b, (byte)0x09, (byte)0x7e));
        Assert.Equal("#[Histogram log format version 1.3]", lines[0].TrimEnd('\r'));
        Assert.StartsWith("#[StartTime: 1796040000.250 ", lines[1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("Tag=worker-0,1796040000.250,1.500,", StringComparison.Ordinal));
    }

    [Fact]
    public void Values_outside_the_trackable_range_are_clamped_not_thrown()
    {
        var h = LatencyLog.NewHistogram();

        LatencyLog.Record(h, -5);
        LatencyLog.Record(h, 3 * LatencyLog.HighestTrackableUs);

        Assert.Equal(2, h.TotalCount);
        Assert.True(h.GetMaxValue() >= LatencyLog.HighestTrackableUs);
    }

    [Fact]
    public void A_recorder_fed_known_latencies_reports_their_percentiles_within_the_histograms_precision()
    {
        using var dir = new TempDir();
        RunRow row;
        // 1..100,000 µs, spread over two workers: the nearest-rank p-th percentile is p × 1,000 µs.
        using (var recorder = new RunRecorder(dir.Path, TimeSpan.FromMilliseconds(100), writeConnections: false, workers: 2))
        {
            for (int i = 1; i <= 100_000; i++)
            {
                recorder.Established(Conn(i, i / 1000.0, connectUs: i), worker: i % 2);
            }
            row = Row(recorder);
        }

        // 3 significant digits: a reported value is at or above the exact one, by less than 0.1 %.
        AssertWithin(50_000, row.ConnectP50Us);
        AssertWithin(90_000, row.ConnectP90Us);
        AssertWithin(99_000, row.ConnectP99Us);
        AssertWithin(99_900, row.ConnectP999Us);
        AssertWithin(100_000, row.ConnectMaxUs);
    }

    [Fact]
    public void A_recorder_writes_one_tagged_histogram_per_worker_even_for_a_worker_without_connections()
    {
        using var dir = new TempDir();
        using (var recorder = new RunRecorder(dir.Path, TimeSpan.FromMilliseconds(100), writeConnections: false, workers: 3))
        {
            recorder.ConnectStartedUtc = Start;
            recorder.Established(Conn(1, 10, connectUs: 100), worker: 0);
            recorder.Established(Conn(2, 20, connectUs: 200), worker: 0);
            recorder.Established(Conn(3, 30, connectUs: 300), worker: 2);
            recorder.ConnectPhaseOver(2, 45.5);
            recorder.Complete();
        }

        var read = LatencyLog.Read(dir.File(ResultFiles.LatencyLog));

        Assert.Equal(["worker-0", "worker-1", "worker-2"], read.Select(h => h.Tag));
        Assert.Equal([2L, 0L, 1L], read.Select(h => h.TotalCount));
        long start = new DateTimeOffset(Start).ToUnixTimeMilliseconds();
        Assert.All(read, h => Assert.Equal(start, h.StartTimeStamp));
        // Each interval ends at the worker's last outcome: its last connection, or its reported end of the connect phase.
        Assert.Equal([start + 20, start, start + 46], read.Select(h => h.EndTimeStamp));
    }

    private static void AssertWithin(long exact, int? reported)
    {
        Assert.NotNull(reported);
        Assert.InRange(reported.Value, exact, exact + exact / 1000);
    }
}
