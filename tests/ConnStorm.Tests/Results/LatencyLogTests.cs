using ConnStorm.Results;

namespace ConnStorm.Tests.Results;

public sealed class LatencyLogTests
{
    [Fact]
    public void A_log_of_tagged_histograms_reads_back_and_merges_exactly()
    {
        using var dir = new TempDir();
        var a = LatencyLog.NewHistogram();
        var b = LatencyLog.NewHistogram();
        foreach (var us in new long[] { 100, 200, 300 })
        {
            a.RecordValue(us);
        }
        b.RecordValue(1500);

        LatencyLog.Write(dir.File("latency.hlog"), [("worker-0", a), ("worker-1", b)]);
        var log = LatencyLog.Read(dir.File("latency.hlog"));

        Assert.Equal(["worker-0", "worker-1"], log.Select(l => l.Tag));
        var merged = LatencyLog.Merge(log.Select(l => (HdrHistogram.HistogramBase)l.Histogram));
        Assert.Equal(4, merged.TotalCount);
        Assert.Equal(new LatencyPercentiles(200, 1500, 1500), LatencyLog.Percentiles(merged));
        Assert.Null(LatencyLog.Percentiles(LatencyLog.NewHistogram()));
    }
}
