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

    private ResultsModel(string dir, ResultsKind kind)
    {
        Dir = dir;
        Kind = kind;
        _runs = new(() => kind == ResultsKind.Runs ? RunsCsv.Read(Path.Combine(dir, ResultFiles.Runs)) : []);
        _manifest = new(() => File.Exists(Path.Combine(dir, ResultFiles.Manifest)) ? ManifestWriter.Read(Path.Combine(dir, ResultFiles.Manifest)) : null);
    }

    public string Dir { get; }
    public ResultsKind Kind { get; }

    /// <summary>runs.csv's rows in run order (empty for probes and compare folders).</summary>
    public IReadOnlyList<RunRow> Runs => _runs.Value;

    /// <summary>The folder's manifest.json, null when there is none.</summary>
    public Manifest? Manifest => _manifest.Value;

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
