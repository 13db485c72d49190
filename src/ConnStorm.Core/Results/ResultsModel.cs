namespace ConnStorm.Results;

/// <summary>
/// The one model of a results folder that every exporter (summaries, report.html, plots) reads.
/// It is opened from the files alone, so `connstorm plot DIR` sees exactly what a run saw.
/// Parts are read on first use and kept.
/// </summary>
public sealed class ResultsModel
{
    private readonly Lazy<IReadOnlyList<RunRow>> _runs;
    private readonly Lazy<Manifest?> _manifest;
    private readonly Lazy<ProbesFile?> _probes;
    private readonly Lazy<CompareFile?> _compare;
    private readonly Lazy<ClusterFile?> _cluster;
    private readonly Lazy<IReadOnlyList<HostRow>> _hosts;

    private ResultsModel(string dir, ResultsKind kind)
    {
        Dir = dir;
        Kind = kind;
        _runs = new(() => kind == ResultsKind.Runs ? RunsCsv.Read(Path.Combine(dir, ResultFiles.Runs)) : []);
        _manifest = new(() => File.Exists(Path.Combine(dir, ResultFiles.Manifest)) ? ManifestWriter.Read(Path.Combine(dir, ResultFiles.Manifest)) : null);
        _probes = new(() => kind == ResultsKind.Probes ? ProbesFile.Read(Path.Combine(dir, ResultFiles.Probes)) : null);
        _compare = new(() => kind == ResultsKind.Compare ? CompareFile.Read(dir) : null);
        _cluster = new(() => File.Exists(Path.Combine(dir, ResultFiles.Cluster)) ? ClusterFile.Read(Path.Combine(dir, ResultFiles.Cluster)) : null);
        _hosts = new(() => File.Exists(Path.Combine(dir, ResultFiles.Hosts)) ? HostsCsv.Read(Path.Combine(dir, ResultFiles.Hosts)) : []);
    }

    public string Dir { get; }
    public ResultsKind Kind { get; }

    /// <summary>runs.csv's rows in run order (empty for probes and compare folders).</summary>
    public IReadOnlyList<RunRow> Runs => _runs.Value;

    /// <summary>The folder's manifest.json, null when there is none.</summary>
    public Manifest? Manifest => _manifest.Value;

    /// <summary>probes.json (probes folders only; null otherwise).</summary>
    public ProbesFile? Probes => _probes.Value;

    /// <summary>compare.json with the data of each compared folder (compare folders only; null otherwise).</summary>
    public CompareFile? Compare => _compare.Value;

    /// <summary>cluster.json of a cluster run; null for a run on one host.</summary>
    public ClusterFile? Cluster => _cluster.Value;

    /// <summary>hosts.csv's rows (one per run and host) of a cluster run; empty for a run on one host.</summary>
    public IReadOnlyList<HostRow> Hosts => _hosts.Value;

    /// <summary>The hosts.csv rows of one run.</summary>
    public IReadOnlyList<HostRow> HostsOf(RunRow run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return [.. Hosts.Where(h => h.Run == run.Run)];
    }

    /// <summary>
    /// Each host's own timeline of a cluster run (hosts/&lt;name&gt;/timeline.csv) with the shift that puts it
    /// on the common clock; empty when the run's folder has no hosts/ folder.
    /// </summary>
    public IReadOnlyList<HostTimeline> HostTimelines(RunRow run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var hostsDir = RunFile(run, ResultFiles.HostsDir);
        if (!Directory.Exists(hostsDir))
        {
            return [];
        }
        var entry = Cluster?.Runs.FirstOrDefault(r => r.Run == run.Run);
        var names = entry is not null
            ? entry.Hosts.Select(h => h.Name)
            : Directory.EnumerateDirectories(hostsDir).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal);
        var timelines = new List<HostTimeline>();
        foreach (var name in names)
        {
            var dir = Path.Combine(hostsDir, name);
            var timeline = Path.Combine(dir, ResultFiles.Timeline);
            if (!File.Exists(timeline))
            {
                continue;
            }
            var manifest = Path.Combine(dir, ResultFiles.Manifest);
            var started = File.Exists(manifest) ? ManifestWriter.Read(manifest).ConnectStartedUtc : null;
            var shift = entry is null ? 0 : ClusterClock.ShiftMs(started, Cluster?.Host(name)?.ClockOffsetMs ?? 0, entry.StartUtc);
            timelines.Add(new HostTimeline(name, shift, TimelineFile.Read(timeline)));
        }
        return timelines;
    }

    /// <summary>A run's own file ("runs/003-x/timeline.csv") as a full path.</summary>
    public string RunFile(RunRow run, string file) => Path.Combine(Dir, run.RunDir.Trim() is "" or "." ? "" : run.RunDir.Trim(), file);

    public bool HasRunFile(RunRow run, string file) => File.Exists(RunFile(run, file));

    /// <summary>The run's timeline.csv rows; empty when the run wrote none. Read each time: a file can be large, the caller keeps what it needs.</summary>
    public IReadOnlyList<TimelineRow> Timeline(RunRow run) =>
        HasRunFile(run, ResultFiles.Timeline) ? TimelineFile.Read(RunFile(run, ResultFiles.Timeline)) : [];

    /// <summary>The run's failures.csv events; empty when the run wrote none.</summary>
    public IReadOnlyList<FailureRecord> Failures(RunRow run) =>
        HasRunFile(run, ResultFiles.Failures) ? FailuresFile.Read(RunFile(run, ResultFiles.Failures)) : [];

    /// <summary>The run's connections.csv rows; empty when the run kept none (output.connections_csv: false).</summary>
    public IReadOnlyList<ConnectionRecord> Connections(RunRow run) =>
        HasRunFile(run, ResultFiles.Connections) ? ConnectionsFile.Read(RunFile(run, ResultFiles.Connections)) : [];

    /// <summary>A file of the folder ("runs/003-x/timeline.csv" or "runs.csv") as a full path.</summary>
    public string PathOf(string relative) => Path.Combine(Dir, relative);

    /// <summary>Opens <paramref name="dir"/>; throws <see cref="FileNotFoundException"/> when it is no ConnStorm results folder.</summary>
    public static ResultsModel Open(string dir) =>
        TryKind(dir) is { } kind
            ? new ResultsModel(dir, kind)
            : throw new FileNotFoundException($"{dir} has no {ResultFiles.Runs}, {ResultFiles.Probes} or {ResultFiles.Compare}: not a ConnStorm results folder", dir);

    public static ResultsKind? TryKind(string dir) =>
        File.Exists(Path.Combine(dir, ResultFiles.Compare)) ? ResultsKind.Compare
        : File.Exists(Path.Combine(dir, ResultFiles.Runs)) ? ResultsKind.Runs
        : File.Exists(Path.Combine(dir, ResultFiles.Probes)) ? ResultsKind.Probes
        : null;
}
