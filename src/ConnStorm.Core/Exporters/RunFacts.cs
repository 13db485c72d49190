using ConnStorm.Results;

namespace ConnStorm.Exporters;

/// <summary>
/// One run as its files tell it: the runs.csv row, the run's manifest.json (an empty one when it is
/// missing) and the tally of its failures.csv. What summary.md and report.html say about a run.
/// </summary>
public sealed record RunFacts(RunRow Row, Manifest Manifest, FailureTally Failures, long Established, string Dir)
{
    /// <summary>The run's hosts.csv rows when it ran on a cluster; empty for a run on one host.</summary>
    public IReadOnlyList<HostRow> Hosts { get; init; } = [];

    /// <summary>The run's folder (the results folder itself for a single run).</summary>
    public static RunFacts Of(ResultsModel results, RunRow row)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(row);
        var dir = results.PathOf(row.RunDir is "" ? "." : row.RunDir);
        var manifestPath = Path.Combine(dir, ResultFiles.Manifest);
        var manifest = File.Exists(manifestPath) ? ManifestWriter.Read(manifestPath) : new Manifest();
        // Files written before runs.csv had an "established" column: the timeline's last established_total.
        var timeline = row.Established is null ? results.Timeline(row) : [];
        var established = row.Established ?? (timeline.Count > 0 ? timeline[^1].EstablishedTotal : row.MaxEstablished);
        return new RunFacts(row, manifest, FailureTally.Of(results.Failures(row)), established, dir) { Hosts = results.HostsOf(row) };
    }

    /// <summary>The scenario's name as the manifest records it.</summary>
    public string ScenarioName => ScenarioText(Manifest, "name") ?? "unnamed";

    public string? Description => ScenarioText(Manifest, "description");

    /// <summary>A text value of the resolved scenario; null when absent or null.</summary>
    public static string? ScenarioText(Manifest? manifest, string key) =>
        manifest is not null && manifest.Scenario.TryGetValue(key, out var value) && value?.ToString() is { Length: > 0 } text
            && !(value is System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Null })
            ? text
            : null;
}
