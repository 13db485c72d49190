using ConnStorm.Results.Csv;
using CsvHelper;
using HdrHistogram;

namespace ConnStorm.Results;

/// <summary>
/// The live sink for one run's events: appends failures.csv and connections.csv, builds
/// timeline.csv, keeps <see cref="Stats"/> and one connect-latency histogram per worker (written
/// as latency.hlog when the run completes). Files are flushed at least every 250 ms of run time,
/// so a killed run still leaves readable files. Single-threaded by contract: events come from the
/// one thread that reads the workers.
/// </summary>
public sealed class RunRecorder : IDisposable
{
    public const string FailuresFile = ResultFiles.Failures;
    public const string ConnectionsFile = ResultFiles.Connections;
    public const string TimelineFile = ResultFiles.Timeline;
    public const string LatencyLogFile = ResultFiles.LatencyLog;

    /// <summary>Run time between flushes of the CSV files.</summary>
    public const double FlushEveryMs = 250;

    private readonly CsvWriter failures;
    private readonly CsvWriter? connections;
    private readonly CsvWriter timelineCsv;
    private readonly TimelineBuilder timeline;
    private readonly string directory;
    // No per-connection state: a fixed-size histogram per worker (about 140 KB each, made at its
    // first connection), whatever the number of connections.
    private readonly LongHistogram?[] latency;
    private readonly double[] workerEndMs;
    // The latency split of the sampled connections (all workers together): two more fixed-size histograms.
    private readonly LongHistogram kernelShare = LatencyLog.NewHistogram();
    private readonly LongHistogram ownShare = LatencyLog.NewHistogram();
    private long retransmits;
    private double lastFlushMs;
    private RecordedRun? completed;
    private bool disposed;

    /// <param name="workers">How many worker processes report to this recorder (indexes 0 .. workers - 1): latency.hlog holds one histogram for each.</param>
    public RunRecorder(string directory, TimeSpan timelineInterval, bool writeConnections, int workers = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        this.directory = directory;
        latency = new LongHistogram?[workers];
        workerEndMs = new double[workers];
        Directory.CreateDirectory(directory);
        failures = CsvSetup.OpenWriter(Path.Combine(directory, FailuresFile));
        failures.WriteHeader<FailureRow>();
        if (writeConnections)
        {
            connections = CsvSetup.OpenWriter(Path.Combine(directory, ConnectionsFile));
            connections.WriteHeader<ConnectionRecord>();
        }
        timelineCsv = CsvSetup.OpenWriter(Path.Combine(directory, TimelineFile));
        timeline = new TimelineBuilder(timelineCsv, timelineInterval);
        Flush();
    }

    public RunStats Stats { get; } = new();

    /// <summary>UTC time of the run's t = 0 (the go given to the workers): the start of latency.hlog's intervals. Defaults to when the recorder was made.</summary>
    public DateTime ConnectStartedUtc { get; set; } = DateTime.UtcNow;

    /// <summary>A connection established by worker <paramref name="worker"/>.</summary>
    public void Established(ConnectionRecord r, int worker = 0, KernelShare? share = null)
    {
        Stats.OnEstablished(r);
        LatencyLog.Record(latency[worker] ??= LatencyLog.NewHistogram(), r.ConnectUs);
        if (share is { } k)
        {
            LatencyLog.Record(kernelShare, k.KernelUs);
            LatencyLog.Record(ownShare, r.ConnectUs - k.KernelUs);
            retransmits += k.Retransmits;
        }
        workerEndMs[worker] = Math.Max(workerEndMs[worker], r.TMs);
        timeline.Established(r.TMs);
        if (connections is not null)
        {
            connections.WriteRecord(r);
        }
    }

    /// <summary>A failed attempt, or (phase Reset) an established connection that dropped.</summary>
    public void Failed(FailureRecord f)
    {
        Stats.OnFailed(f);
        timeline.Failed(f.TMs, f.Errno, dropped: f.IsDrop);
        failures.WriteRecord(FailureRow.From(f));
    }

    /// <summary>Worker <paramref name="worker"/> ended its connect phase, its last outcome at <paramref name="lastOutcomeMs"/>: the end of its latency interval.</summary>
    public void ConnectPhaseOver(int worker, double lastOutcomeMs) =>
        workerEndMs[worker] = Math.Max(workerEndMs[worker], lastOutcomeMs);

    /// <summary>A TIME_WAIT sample of the lab (sockstat's tw) at <paramref name="tMs"/>: the interval's time_wait.</summary>
    public void TimeWait(double tMs, long count) => timeline.TimeWait(tMs, count);

    /// <summary>Run time has reached <paramref name="tMs"/>: writes the intervals that are complete, flushes if due.</summary>
    public void Tick(double tMs)
    {
        timeline.AdvanceTo(tMs);
        if (tMs - lastFlushMs >= FlushEveryMs)
        {
            Flush();
            lastFlushMs = tMs;
        }
    }

    /// <summary>
    /// Ends the run: writes the last timeline intervals and latency.hlog, flushes, and returns what
    /// was measured (<see cref="RunRowBuilder"/> makes the runs.csv row of it). Idempotent.
    /// </summary>
    public RecordedRun Complete()
    {
        if (completed is not null)
        {
            return completed;
        }
        timeline.Finish();
        Flush();
        var histograms = WorkerHistograms();
        WriteLatencyLog(histograms);
        completed = new RecordedRun(Stats, LatencyLog.Summarize(LatencyLog.Merge(histograms)))
        {
            Split = kernelShare.TotalCount == 0 ? null
                : new LatencySplit(kernelShare.TotalCount, LatencyLog.Summarize(kernelShare)!.Value, LatencyLog.Summarize(ownShare)!.Value, retransmits),
        };
        return completed;
    }

    /// <summary>One histogram per worker, tagged worker-&lt;i&gt;, its interval from t = 0 to the worker's last outcome.</summary>
    private List<HistogramBase> WorkerHistograms()
    {
        long startMs = new DateTimeOffset(DateTime.SpecifyKind(ConnectStartedUtc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();
        var all = new List<HistogramBase>(latency.Length);
        for (int i = 0; i < latency.Length; i++)
        {
            var h = latency[i] ?? LatencyLog.NewHistogram();
            h.Tag = LatencyLog.WorkerTag(i);
            h.StartTimeStamp = startMs;
            h.EndTimeStamp = startMs + (long)Math.Ceiling(workerEndMs[i]);
            all.Add(h);
        }
        return all;
    }

    private void WriteLatencyLog(List<HistogramBase> histograms) =>
        LatencyLog.Write(Path.Combine(directory, LatencyLogFile), ConnectStartedUtc, histograms);

    /// <summary>
    /// Connections established per second over the last half of a churn of <paramref name="durationMs"/>
    /// (from the timeline's intervals, after <see cref="Complete"/>): the sustained rate, past the start
    /// when free ports are still plentiful.
    /// </summary>
    public double SustainedRate(double durationMs)
    {
        double from = durationMs / 2;
        long count = 0;
        var perInterval = timeline.EstablishedPerInterval;
        for (int i = 0; i < perInterval.Count; i++)
        {
            // Interval i covers (i × interval, (i + 1) × interval]; it counts when it starts in the last half.
            double start = i * timeline.IntervalMs;
            if (start >= from && start < durationMs)
            {
                count += perInterval[i];
            }
        }
        return count / (from / 1000.0);
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }
        disposed = true;
        // Each file is closed even when another could not be written (a full disk), so no descriptor stays open.
        try
        {
            if (completed is null)
            {
                // Not completed (an exception unwound the run): still put the counted intervals and latencies on disk.
                timeline.Finish();
                WriteLatencyLog(WorkerHistograms());
            }
        }
        finally
        {
            try
            {
                failures.Dispose();
            }
            finally
            {
                try
                {
                    connections?.Dispose();
                }
                finally
                {
                    timelineCsv.Dispose();
                }
            }
        }
    }

    private void Flush()
    {
        failures.Flush();
        connections?.Flush();
        timelineCsv.Flush();
    }
}
