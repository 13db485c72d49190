namespace ConnStorm.Results;

/// <summary>What summary.md is written from: the run's row and live stats, and the manifest for the environment.</summary>
public sealed record SummaryInput(
    string ScenarioName,
    string? Description,
    RunRow Run,
    RunStats Stats,
    Manifest Manifest);
