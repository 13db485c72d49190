using ConnStorm.Results;
using HdrHistogram;

namespace ConnStorm.Cluster;

/// <summary>
/// One host's folder of one run (hosts/&lt;name&gt;/) as the merge needs it, with every event moved onto
/// the common clock. A lost host's folder may hold only part of the files, or nothing. Its connections
/// are not held: they are sorted by time into a file of their own (<see cref="SortedConnections"/>), so
/// the merge holds one host's connections at a time, and the merged file is written by streaming.
/// </summary>
internal sealed class HostFiles : IDisposable
{
    private readonly double[] establishedAt;
    private readonly double[] droppedAt;

    private HostFiles(ClusterRunHost entry, ClusterHost? fleet, double shiftMs, RunRow? row, IReadOnlyList<TimelineRow> timeline,
        IReadOnlyList<FailureRecord> failures, string? sortedConnections, double[] establishedAt, int[] connectUs,
        IReadOnlyList<HistogramBase> latency)
    {
        Entry = entry;
        Fleet = fleet;
        ShiftMs = shiftMs;
        Row = row;
        Timeline = timeline;
        Failures = failures;
        SortedConnections = sortedConnections;
        ConnectUs = connectUs;
        Latency = latency;
        this.establishedAt = establishedAt;
        droppedAt = [.. failures.Where(f => f.IsDrop).Select(f => f.TMs).Order()];
    }

    public ClusterRunHost Entry { get; }
    public ClusterHost? Fleet { get; }
    public string Name => Entry.Name;
    public double ShiftMs { get; }
    public RunRow? Row { get; }
    /// <summary>On the host's own clock (the merge shifts it).</summary>
    public IReadOnlyList<TimelineRow> Timeline { get; }
    /// <summary>On the common clock.</summary>
    public IReadOnlyList<FailureRecord> Failures { get; }
    /// <summary>Its connections.csv on the common clock, sorted by time (a temporary file); null when it kept none.</summary>
    public string? SortedConnections { get; }
    public bool HasConnections => SortedConnections is not null;
    /// <summary>Connect latencies, kept only when the host wrote no latency.hlog (percentiles then come from them).</summary>
    public int[] ConnectUs { get; }
    /// <summary>The host's latency.hlog histograms (tagged worker-&lt;i&gt;); empty when it wrote none.</summary>
    public IReadOnlyList<HistogramBase> Latency { get; }

    /// <param name="scratch">Where the sorted connections go (removed by <see cref="Dispose"/>).</param>
    public static HostFiles Load(string runDir, ClusterRun run, ClusterRunHost entry, ClusterHost? fleet, string scratch)
    {
        var dir = Path.Combine(runDir, ResultFiles.HostsDir, entry.Name);
        string File(string name) => Path.Combine(dir, name);
        bool Has(string name) => System.IO.File.Exists(File(name));
        var manifest = Has(ResultFiles.Manifest) ? ManifestWriter.Read(File(ResultFiles.Manifest)) : null;
        var shift = ClusterClock.ShiftMs(manifest?.ConnectStartedUtc, fleet?.ClockOffsetMs ?? 0, run.StartUtc);
        var row = Has(ResultFiles.Runs) && RunsCsv.Read(File(ResultFiles.Runs)) is [var only, ..] ? only : null;
        var timeline = Has(ResultFiles.Timeline) ? TimelineFile.Read(File(ResultFiles.Timeline)) : [];
        IReadOnlyList<FailureRecord> failures = Has(ResultFiles.Failures)
            ? [.. FailuresFile.Read(File(ResultFiles.Failures)).Select(f => f with { TMs = f.TMs + shift })]
            : [];
        var latency = Has(ResultFiles.LatencyLog) ? LatencyLog.Read(File(ResultFiles.LatencyLog)) : [];
        string? sorted = null;
        double[] establishedAt = [];
        int[] connectUs = [];
        if (Has(ResultFiles.Connections))
        {
            // Workers report out of order: a host's file is nearly, not strictly, sorted. OrderBy is stable.
            var connections = ConnectionsFile.Read(File(ResultFiles.Connections)).Select(c => c with { TMs = c.TMs + shift }).OrderBy(c => c.TMs).ToList();
            sorted = scratch;
            ConnectionsFile.Write(sorted, connections);
            establishedAt = [.. connections.Select(c => c.TMs)];
            connectUs = latency.Count > 0 ? [] : [.. connections.Select(c => (int)Math.Clamp(c.ConnectUs, 0, int.MaxValue))];
        }
        return new HostFiles(entry, fleet, shift, row, timeline, failures, sorted, establishedAt, connectUs, latency);
    }

    public void Dispose()
    {
        if (SortedConnections is not null)
        {
            System.IO.File.Delete(SortedConnections);
        }
    }

    /// <summary>Connections this host held open at <paramref name="tMs"/> on the common clock.</summary>
    public long OpenAt(double tMs)
    {
        if (HasConnections)
        {
            return CountAtOrBefore(establishedAt, tMs) - CountAtOrBefore(droppedAt, tMs);
        }
        // Without connections.csv: the open count at the end of its last interval by then.
        long open = 0;
        foreach (var r in Timeline)
        {
            if (r.TMs + ShiftMs > tMs)
            {
                break;
            }
            open = r.Open;
        }
        return open;
    }

    /// <summary>What it measured, from its runs.csv row when it finished, else counted from its files.</summary>
    public HostMeasure Measure()
    {
        var first = FailureTally.Of(Failures).First;
        var establishedFromFiles = HasConnections ? establishedAt.LongLength : (Timeline.Count > 0 ? Timeline[^1].EstablishedTotal : 0);
        var attemptsFailed = Failures.LongCount(f => !f.IsDrop);
        var lastOutcome = Row is not null
            ? Row.Seconds * 1000 + ShiftMs
            : Failures.Where(f => !f.IsDrop).Select(f => f.TMs)
                .Concat(establishedAt.Length > 0 ? [establishedAt[^1]] : [])
                .DefaultIfEmpty(0).Max();
        var maxOpen = Row?.MaxEstablished ?? (Timeline.Count > 0 ? Timeline.Max(r => r.Open) : establishedFromFiles);
        return new HostMeasure(Entry, Fleet, Row, ShiftMs,
            Attempted: Row?.Attempted ?? establishedFromFiles + attemptsFailed,
            Established: Row?.Established ?? establishedFromFiles,
            Failures: Row?.Failures ?? Failures.Count,
            MaxOpen: maxOpen,
            First: first,
            LastOutcomeMs: lastOutcome);
    }

    private static long CountAtOrBefore(double[] sorted, double t)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid] <= t)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}
