using ConnStorm.Results;
using ConnStorm.Scenarios;
using ConnStorm.Errors;

namespace ConnStorm.Running;

/// <summary>
/// The sweep's top-level manifest.json: the resolved scenario (sweep included), the machine,
/// and the first run's namespace sysctls; each run keeps its own manifest in its folder.
/// </summary>
public static class SweepManifest
{
    /// <param name="error">Why the sweep stopped before its last run (a lab or a proxy that would not start): exit code 3, and a note.</param>
    public static void Write(string dir, Scenario scenario, IReadOnlyList<RunResult> results, bool interrupted, string? error = null)
    {
        var first = results[0].Manifest;
        var notes = new List<string> { "each run's own manifest (its namespace, sysctls, notes) is in its folder: runs/<id>/manifest.json" };
        foreach (var r in results)
        {
            notes.AddRange(r.Manifest.Notes.Select(n => $"run {r.Row.Run}: {n}"));
        }
        if (error is not null)
        {
            notes.Add(error);
        }
        var manifest = first with
        {
            Scenario = ScenarioYaml.ToResolved(scenario),
            Namespace = null,
            StartedUtc = first.StartedUtc,
            EndedUtc = results[^1].Manifest.EndedUtc ?? DateTime.UtcNow,
            Complete = true,
            Interrupted = interrupted,
            ExitCode = interrupted ? ExitCodes.Interrupted : error is not null ? ExitCodes.EnvironmentCannotRun : ExitCodes.Ran,
            Notes = notes,
        };
        ManifestWriter.Write(Path.Combine(dir, ManifestWriter.FileName), manifest);
    }
}
