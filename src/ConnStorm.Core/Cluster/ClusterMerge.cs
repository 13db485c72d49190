using System.Globalization;
using ConnStorm.Errors;
using ConnStorm.Results;

namespace ConnStorm.Cluster;

/// <summary>
/// Turns a cluster run's folder (cluster.json and each run's hosts/&lt;name&gt;/ folders, as the agents
/// handed them over) into the files a local run has: per run the merged timeline.csv, failures.csv and
/// connections.csv (with a host column), latency.hlog and manifest.json; then runs.csv and hosts.csv.
/// Everything is on the coordinator's clock, from each run's common start. Writing twice gives the same files.
/// </summary>
public static class ClusterMerge
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Write(string outDir)
    {
        var cluster = ClusterFile.Read(Path.Combine(outDir, ResultFiles.Cluster));
        var topManifestPath = Path.Combine(outDir, ResultFiles.Manifest);
        var top = File.Exists(topManifestPath) ? ManifestWriter.Read(topManifestPath) : null;
        var runRows = new List<RunRow>();
        var hostRows = new List<HostRow>();
        foreach (var run in cluster.Runs.OrderBy(r => r.Run))
        {
            var (row, hosts) = LoadAndMerge(outDir, cluster, run, top);
            runRows.Add(row);
            hostRows.AddRange(hosts);
        }
        RunsCsv.Write(Path.Combine(outDir, ResultFiles.Runs), runRows);
        HostsCsv.Write(Path.Combine(outDir, ResultFiles.Hosts), hostRows);
    }

    private static (RunRow Row, IReadOnlyList<HostRow> Hosts) LoadAndMerge(string outDir, ClusterFile cluster, ClusterRun run, Manifest? top)
    {
        var runDir = IsFlat(run) ? outDir : Path.Combine(outDir, run.RunDir);
        Directory.CreateDirectory(runDir);
        var hosts = new List<HostFiles>();
        try
        {
            foreach (var (h, i) in run.Hosts.Select((h, i) => (h, i)))
            {
                hosts.Add(HostFiles.Load(runDir, run, h, cluster.Host(h.Name), Path.Combine(runDir, string.Create(Inv, $".merge-{i}.{ResultFiles.Connections}.tmp"))));
            }
            return MergeRun(runDir, run, hosts, top);
        }
        finally
        {
            foreach (var h in hosts)
            {
                h.Dispose();
            }
        }
    }

    private static (RunRow Row, IReadOnlyList<HostRow> Hosts) MergeRun(string runDir, ClusterRun run, IReadOnlyList<HostFiles> hosts, Manifest? top)
    {

        var interval = TimelineMerge.IntervalOf(hosts.Select(h => h.Timeline));
        var timeline = TimelineMerge.Merge([.. hosts.Select(h => (h.Timeline, h.ShiftMs))], interval);
        TimelineFile.Write(Path.Combine(runDir, ResultFiles.Timeline), timeline);

        // Sorted by time; on a tie, in the order cluster.json lists the hosts (OrderBy is stable).
        var failures = hosts.SelectMany(h => h.Failures.Select(f => (Failure: f, Host: h.Name))).OrderBy(x => x.Failure.TMs).ToList();
        HostEventsCsv.WriteFailures(Path.Combine(runDir, ResultFiles.Failures), failures);
        if (hosts.Any(h => h.HasConnections))
        {
            HostEventsCsv.WriteConnections(Path.Combine(runDir, ResultFiles.Connections), MergeSorted(hosts.Where(h => h.HasConnections).ToList()));
        }

        var latency = MergeLatency(runDir, run.StartUtc, hosts);

        var measures = hosts.Select(h => h.Measure()).ToList();
        var first = failures.Count > 0 ? failures[0] : default;
        long? openAtFirst = first.Failure is null
            ? null
            : first.Failure.OpenAtFailure + hosts.Where(h => h.Name != first.Host).Sum(h => h.OpenAt(first.Failure.TMs));
        var maxOpen = timeline.Count == 0 ? 0 : timeline.Max(r => r.Open);
        var row = ClusterRows.Run(run, measures, maxOpen, first.Failure, openAtFirst, latency);

        WriteManifest(runDir, run, hosts, measures, top, flat: IsFlat(run));
        return (row, [.. measures.Select(m => ClusterRows.Host(run, m))]);
    }

    /// <summary>Every host's histograms in one log, tagged "&lt;host&gt;/&lt;tag&gt;"; the run's percentiles from their sum.</summary>
    private static LatencyPercentiles? MergeLatency(string runDir, DateTime startUtc, IReadOnlyList<HostFiles> hosts)
    {
        var tagged = new List<HdrHistogram.HistogramBase>();
        foreach (var host in hosts)
        {
            foreach (var h in host.Latency)
            {
                h.Tag = $"{host.Name}/{(string.IsNullOrEmpty(h.Tag) ? LatencyLog.WorkerTag(0) : h.Tag)}";
                tagged.Add(h);
            }
        }
        if (tagged.Count > 0)
        {
            LatencyLog.Write(Path.Combine(runDir, ResultFiles.LatencyLog), startUtc, tagged);
            return LatencyLog.Summarize(LatencyLog.Merge(tagged));
        }
        // Hosts without latency.hlog (older agents): the same histogram, filled from the merged connections.
        var fromConnections = LatencyLog.NewHistogram();
        foreach (var us in hosts.SelectMany(h => h.ConnectUs))
        {
            LatencyLog.Record(fromConnections, us);
        }
        return LatencyLog.Summarize(fromConnections);
    }

    /// <summary>The hosts' sorted connections as one stream by time (on a tie, the host listed first): one row per host in memory.</summary>
    private static IEnumerable<(ConnectionRecord Connection, string Host)> MergeSorted(IReadOnlyList<HostFiles> hosts)
    {
        var readers = hosts.Select(h => ConnectionsFile.ReadEach(h.SortedConnections!).GetEnumerator()).ToList();
        try
        {
            var queue = new PriorityQueue<int, (double TMs, int Host)>();
            for (var i = 0; i < readers.Count; i++)
            {
                if (readers[i].MoveNext())
                {
                    queue.Enqueue(i, (readers[i].Current.TMs, i));
                }
            }
            while (queue.TryDequeue(out var i, out _))
            {
                yield return (readers[i].Current, hosts[i].Name);
                if (readers[i].MoveNext())
                {
                    queue.Enqueue(i, (readers[i].Current.TMs, i));
                }
            }
        }
        finally
        {
            foreach (var r in readers)
            {
                r.Dispose();
            }
        }
    }

    /// <summary>
    /// The run's manifest.json: the coordinator's (its facts and scenario), t = 0 at the common start,
    /// with a note per host that did not finish. A run without sweep shares the coordinator's manifest,
    /// whose completion and exit code stay the coordinator's to write.
    /// </summary>
    private static void WriteManifest(string runDir, ClusterRun run, IReadOnlyList<HostFiles> hosts, IReadOnlyList<HostMeasure> measures, Manifest? top, bool flat)
    {
        var path = Path.Combine(runDir, ResultFiles.Manifest);
        var hostNotes = measures.Select(m => HostNote(m, hosts.First(h => h.Name == m.Entry.Name))).OfType<string>().ToList();
        var interrupted = measures.Any(m => m.Row?.Interrupted == true);
        if (flat)
        {
            var current = File.Exists(path) ? ManifestWriter.Read(path) : top ?? new Manifest();
            ManifestWriter.Write(path, current with
            {
                ConnectStartedUtc = run.StartUtc,
                Notes = [.. current.Notes.Concat(hostNotes).Distinct()],
            });
            return;
        }
        var baseManifest = top ?? new Manifest();
        var lost = measures.Any(m => m.Entry.Status != HostStatus.Complete);
        ManifestWriter.Write(path, baseManifest with
        {
            StartedUtc = run.StartUtc,
            ConnectStartedUtc = run.StartUtc,
            EndedUtc = run.StartUtc.AddMilliseconds(Math.Max(0, measures.Select(m => m.LastOutcomeMs).DefaultIfEmpty(0).Max())),
            Complete = true,
            Interrupted = interrupted,
            ExitCode = interrupted ? ExitCodes.Interrupted : lost ? ExitCodes.Partial : ExitCodes.Ran,
            Notes = hostNotes,
        });
    }

    /// <summary>"host a2 was lost 1.2 s after the start (heartbeats stopped) holding 120 connections; its partial files are merged".</summary>
    public static string? HostNote(HostMeasure host, double? lastOpen = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        var e = host.Entry;
        var error = e.Error is { Length: > 0 } text ? $": {text}" : "";
        return e.Status switch
        {
            HostStatus.Complete => null,
            HostStatus.Lost => string.Create(Inv,
                $"host {e.Name} was lost{(e.LostAtMs is { } at ? $" {(at / 1000).ToString("0.###", Inv)} s after the start" : "")} (its heartbeats stopped), holding {(lastOpen ?? host.MaxOpen).ToString("0", Inv)} connections when last heard of{error}; what it handed over is merged"),
            HostStatus.Refused => $"host {e.Name} refused its plan{error}; it ran nothing",
            _ => $"host {e.Name} failed{error}; what it handed over is merged",
        };
    }

    private static string? HostNote(HostMeasure measure, HostFiles files) =>
        HostNote(measure, files.Timeline.Count > 0 ? files.Timeline[^1].Open : measure.Established);

    private static bool IsFlat(ClusterRun run) => run.RunDir.Trim() is "" or ".";
}
