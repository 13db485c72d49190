using System.Globalization;
using ConnStorm.Results;
using ConnStorm.Verdicts;

namespace ConnStorm.Exporters;

/// <summary>
/// A sweep as its folder tells it: runs.csv, the top manifest.json, the verdicts judged from the rows
/// (and each run's connections.csv), and the runs' notes from their own manifests.
/// </summary>
public sealed record SweepFacts(ResultsModel Results, Manifest Manifest, IReadOnlyList<RunRow> Rows, IReadOnlyList<Verdict> Verdicts, IReadOnlyList<string> Notes)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static SweepFacts Of(ResultsModel results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var rows = results.Runs;
        var verdicts = MythVerdicts.Judge(rows, row => results.HasRunFile(row, ResultFiles.Connections)
            ? [.. results.Connections(row).Select(c => (c.Source, c.Target))]
            : null);
        var notes = new List<string>();
        foreach (var row in rows)
        {
            var path = results.PathOf(Path.Combine(row.RunDir, ResultFiles.Manifest));
            if (File.Exists(path))
            {
                notes.AddRange(ManifestWriter.Read(path).Notes.Select(n => $"run {row.Run.ToString(Inv)}: {n}"));
            }
        }
        return new SweepFacts(results, results.Manifest ?? new Manifest(), rows, verdicts, notes);
    }

    public string Name => RunFacts.ScenarioText(Manifest, "name") ?? "unnamed";

    public string? Description => RunFacts.ScenarioText(Manifest, "description");

    /// <summary>"Measured on Linux … (host, 2 cores), 43 run(s), each in its own network namespace."</summary>
    public string MeasuredLine =>
        (Hosts.Count > 0
            ? string.Create(Inv, $"Measured on a cluster of {Hosts.Select(h => h.Host).Distinct().Count()} host(s), coordinated from {Manifest.Hostname} (Linux {Manifest.KernelRelease}), {Rows.Count} run(s), each on the whole fleet")
            : string.Create(Inv, $"Measured on Linux {Manifest.KernelRelease} ({Manifest.Hostname}, {Manifest.Cores} cores), {Rows.Count} run(s), each in its own network namespace"))
        + (ClusterText.Missing(Hosts) is { } missing ? $"; **partial**: {missing}" : "")
        + (Manifest.Interrupted ? "; **interrupted**: runs after the last one listed were not made" : "") + ".";

    /// <summary>hosts.csv's rows of a cluster run; empty for runs on one host.</summary>
    public IReadOnlyList<HostRow> Hosts => Results.Hosts;

    public IReadOnlyList<RunRow> Churns => [.. Rows.Where(r => r.ChurnRatePerS is not null)];

    /// <summary>"run 3 (003-x): client-fin: …" per churn run.</summary>
    public static string ChurnLine(RunRow row) => $"run {row.Run.ToString(Inv)} ({RunText.RunId(row)}): {RunText.ChurnSentence(row)}";

    public IReadOnlyList<string> Environment =>
    [
        string.Create(Inv, $"Kernel {Manifest.KernelRelease}, host {Manifest.Hostname}, {Manifest.Cores} cores, {(Manifest.MemoryBytes ?? 0) / (1L << 30)} GiB"),
        string.Create(Inv, $"RLIMIT_NOFILE soft {Manifest.RlimitNofile.Soft}, hard {Manifest.RlimitNofile.Hard}; workers per run as in the table"),
        $"ConnStorm {Manifest.ToolVersion}; scenario file `{Manifest.ScenarioFile}`",
    ];
}
