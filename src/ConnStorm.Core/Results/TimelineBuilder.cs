using CsvHelper;
using ConnStorm.Results.Csv;

namespace ConnStorm.Results;

/// <summary>
/// Turns events into timeline.csv rows of fixed width. Intervals are written in order and never
/// rewritten: an event for an interval already written counts in the first unwritten one, an event
/// for a future interval waits in a small pending map until that interval is written.
/// </summary>
internal sealed class TimelineBuilder
{
    private sealed class Bucket
    {
        public long Established;
        public long Dropped;
        public long Failures;
        public long? TimeWait;
        public readonly long[] ByColumn = new long[TimelineRow.TimelineErrnos.Count + 1];
    }

    private readonly CsvWriter csv;
    private readonly TimelineRowWriter rowWriter = new();
    private readonly double intervalMs;
    private readonly Dictionary<long, Bucket> pending = [];
    // The first interval not yet written; intervals before it are on disk.
    private long next;
    private long lastEventInterval = -1;
    private long establishedTotal;
    private long droppedTotal;
    private readonly List<long> establishedPerInterval = [];

    public TimelineBuilder(CsvWriter csv, TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        this.csv = csv;
        intervalMs = interval.TotalMilliseconds;
        rowWriter.WriteHeader(csv);
        csv.EndRecord();
    }

    public void Established(double tMs) => BucketFor(tMs).Established++;

    public void Failed(double tMs, int errno, bool dropped)
    {
        var b = BucketFor(tMs);
        b.Failures++;
        b.ByColumn[TimelineRow.ColumnOf(errno)]++;
        if (dropped)
        {
            b.Dropped++;
        }
    }

    /// <summary>The last sample in an interval is its value.</summary>
    public void TimeWait(double tMs, long count) => BucketFor(tMs).TimeWait = count;

    /// <summary>New connections per interval so far, in order (one number per interval: churn rates come from it).</summary>
    public IReadOnlyList<long> EstablishedPerInterval => establishedPerInterval;

    public double IntervalMs => intervalMs;

    /// <summary>Writes every interval that ends at or before <paramref name="tMs"/>.</summary>
    public void AdvanceTo(double tMs)
    {
        var complete = (long)Math.Floor(tMs / intervalMs);
        while (next < complete)
        {
            WriteNext();
        }
    }

    /// <summary>Writes the remaining intervals up to the one holding the last event (at least interval 0).</summary>
    public void Finish()
    {
        var last = Math.Max(lastEventInterval, 0);
        while (next <= last)
        {
            WriteNext();
        }
    }

    private Bucket BucketFor(double tMs)
    {
        var index = Math.Max(next, (long)Math.Floor(Math.Max(tMs, 0) / intervalMs));
        lastEventInterval = Math.Max(lastEventInterval, index);
        if (!pending.TryGetValue(index, out var b))
        {
            b = new Bucket();
            pending[index] = b;
        }
        return b;
    }

    private void WriteNext()
    {
        pending.Remove(next, out var b);
        b ??= new Bucket();
        establishedTotal += b.Established;
        droppedTotal += b.Dropped;
        var row = new TimelineRow
        {
            TMs = (next + 1) * intervalMs,
            Open = establishedTotal - droppedTotal,
            Established = b.Established,
            EstablishedTotal = establishedTotal,
            Failures = b.Failures,
            ByErrno = b.ByColumn,
            TimeWait = b.TimeWait,
        };
        establishedPerInterval.Add(b.Established);
        rowWriter.Write(csv, row);
        csv.EndRecord();
        next++;
    }
}
