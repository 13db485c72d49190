using ConnStorm.Results.Csv;
using CsvHelper;

namespace ConnStorm.Results;

/// <summary>
/// The live sink for one run's events: appends failures.csv and connections.csv, builds
/// timeline.csv, keeps <see cref="Stats"/>. Files are flushed at least every 250 ms of run time,
/// so a killed run still leaves readable files. Single-threaded by contract: events come from the
/// one thread that reads the workers.
/// </summary>
public sealed class RunRecorder : IDisposable
{
    public const string FailuresFile = ResultFiles.Failures;
    public const string ConnectionsFile = ResultFiles.Connections;
    public const string TimelineFile = ResultFiles.Timeline;

    /// <summary>Run time between flushes of the CSV files.</summary>
    public const double FlushEveryMs = 250;

    private readonly CsvWriter failures;
    private readonly CsvWriter? connections;
    private readonly CsvWriter timelineCsv;
    private readonly TimelineBuilder timeline;
    // 4 bytes per established connection: the only per-connection state kept.
    private readonly List<int> connectUs = [];
    private double lastFlushMs;
    private RunRow? completed;
    private bool disposed;

    public RunRecorder(string directory, TimeSpan timelineInterval, bool writeConnections)
    {
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

    public void Established(ConnectionRecord r)
    {
        Stats.OnEstablished(r);
        connectUs.Add((int)Math.Clamp(r.ConnectUs, 0, int.MaxValue));
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

    /// <summary>Ends the run: writes the last timeline intervals, flushes, and returns its runs.csv row. Idempotent.</summary>
    public RunRow Complete(RunInfo info)
    {
        if (completed is not null)
        {
            return completed;
        }
        timeline.Finish();
        Flush();

        var latency = Percentiles.SummarizeInPlace([.. connectUs]);
        var first = Stats.FirstFailure;
        completed = new RunRow
        {
            Run = info.Run,
            Variant = info.Variant,
            PortRangeLo = info.PortRange?.Lo,
            PortRangeHi = info.PortRange?.Hi,
            PortRangeSize = info.PortRange?.Size,
            Targets = info.Targets,
            SourceIps = info.SourceIps,
            Attempted = info.Attempted,
            MaxEstablished = Stats.MaxOpen,
            FirstFailureAt = first?.OpenAtFailure,
            FirstFailureErrno = first?.ErrnoName,
            FirstFailurePhase = first?.Phase.ToName(),
            Failures = Stats.Failures,
            Seconds = Math.Round(info.Seconds, 3),
            ConnectP50Us = latency?.P50,
            ConnectP99Us = latency?.P99,
            ConnectMaxUs = latency?.Max,
            RlimitNofile = info.RlimitNofile,
            FdCapped = Stats.FailuresByErrno.ContainsKey(Sockets.Errno.EMFILE),
            Workers = info.Workers,
            Interrupted = info.Interrupted,
        };
        return completed;
    }

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
        if (completed is null)
        {
            // Not completed (an exception unwound the run): still put the counted intervals on disk.
            timeline.Finish();
        }
        failures.Dispose();
        connections?.Dispose();
        timelineCsv.Dispose();
    }

    private void Flush()
    {
        failures.Flush();
        connections?.Flush();
        timelineCsv.Flush();
    }
}
