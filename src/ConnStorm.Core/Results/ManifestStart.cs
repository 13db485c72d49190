using ConnStorm.Errors;
using ConnStorm.Scenarios;

namespace ConnStorm.Results;

/// <summary>
/// manifest.json is written twice: as a run starts (so a run killed with SIGKILL still says what it
/// was, on what machine, and that it never finished) and again, completed, as it ends.
/// </summary>
public static class ManifestStart
{
    /// <summary>The machine and the resolved scenario; not complete, no end time, no exit code.</summary>
    public static Manifest Of(Scenario scenario, DateTime startedUtc) => new()
    {
        ToolVersion = SystemFacts.ToolVersion(),
        Scenario = ScenarioYaml.ToResolved(scenario),
        ScenarioFile = scenario.SourcePath,
        KernelRelease = SystemFacts.KernelRelease(),
        Hostname = SystemFacts.Hostname(),
        Cores = SystemFacts.Cores,
        MemoryBytes = SystemFacts.MemoryBytes(),
        StartedUtc = startedUtc,
        EndedUtc = null,
        Complete = false,
        ExitCode = null,
    };

    /// <summary>The same manifest, completed at <paramref name="endedUtc"/>.</summary>
    public static Manifest Completed(this Manifest started, DateTime endedUtc, bool interrupted, IReadOnlyList<string> notes) => started with
    {
        EndedUtc = endedUtc,
        Complete = true,
        Interrupted = interrupted,
        ExitCode = interrupted ? ExitCodes.Interrupted : ExitCodes.Ran,
        Notes = notes,
    };
}
