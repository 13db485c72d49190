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

    private ResultsModel(string dir, ResultsKind kind)
    {
        Dir = dir;
        Kind = kind;
        _runs = new(() => kind == ResultsKind.Runs ? RunsCsv.Read(Path.Combine(dir, ResultFiles.Runs)) : []);
        _manifest = new(() => File.Exists(Path.Combine(dir, ResultFiles.Manifest)) ? ManifestWriter.Read(Path.Combine(dir, ResultFiles.Manifest)) : null);
        _probes = new(() => kind == ResultsKind.Probes ? ProbesFile.Read(Path.Combine(dir, ResultFiles.Probes)) : null);
        _compare = new(() => kind == ResultsKind.Compare ? CompareFile.Read(dir) : null);
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
