using ConnStorm.Results;

namespace ConnStorm.Exporters;

/// <summary>
/// One run as its files tell it: the runs.csv row, the run's manifest.json (an empty one when it is
/// missing) and the tally of its failures.csv. What summary.md and report.html say about a run.
/// </summary>
public sealed record RunFacts(RunRow Row, Manifest Manifest, FailureTally Failures, long Established, string Dir)
{
    /// <summary>The run's folder (the results folder itself for a single run).</summary>
    public static RunFacts Of(ResultsModel results, RunRow row)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(row);
        var dir = results.PathOf(row.RunDir is "" ? "." : row.RunDir);
        var manifestPath = Path.Combine(dir, ResultFiles.Manifest);
        var manifest = File.Exists(manifestPath) ? ManifestWriter.Read(manifestPath) : new Manifest();
        var established = row.Established ?? EstablishedFromTimeline(Path.Combine(dir, ResultFiles.Timeline)) ?? row.MaxEstablished;
        return new RunFacts(row, manifest, FailureTally.Read(Path.Combine(dir, ResultFiles.Failures)), established, dir);
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

    // Files written before runs.csv had an "established" column: the timeline's last established_total.
    private static long? EstablishedFromTimeline(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        string? header = null;
        string? last = null;
        foreach (var line in File.ReadLines(path))
        {
            header ??= line;
            if (line.Length > 0)
            {
                last = line;
            }
        }
        int column = header?.Split(',').ToList().IndexOf("established_total") ?? -1;
        var fields = last?.Split(',');
        return column >= 0 && fields is not null && !ReferenceEquals(last, header) && column < fields.Length
            && long.TryParse(fields[column], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n
            : null;
    }
}
