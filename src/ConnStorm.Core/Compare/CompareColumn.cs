using ConnStorm.Results;

namespace ConnStorm.Compare;

/// <summary>
/// One compared folder: a column of the report. <see cref="Name"/> tells two folders of the same kernel
/// and host apart (the last two parts of the path, numbered when even those collide).
/// </summary>
public sealed record CompareColumn(int Number, string Dir, string Name, CompareKind Kind, string Schema, string KernelRelease, string Hostname)
{
    /// <summary>Probes only: "host" or the lab the probes ran in; null for runs.</summary>
    public string? Where { get; init; }

    public string ToolVersion { get; init; } = "";

    /// <summary>The rows of runs.csv (runs folders).</summary>
    internal IReadOnlyList<RunRow> Runs { get; init; } = [];

    /// <summary>probes.json (probes folders).</summary>
    internal ProbesFile? Probes { get; init; }

    /// <summary>"(1) 6.8.0-45-generic · vm": what a plot's key calls the folder.</summary>
    public string Legend => $"({Number}) {Kernel} · {Host}";

    /// <summary>"kernel?" when the folder did not record one, so a header is never empty.</summary>
    public string Kernel => KernelRelease.Length > 0 ? KernelRelease : "kernel?";

    public string Host => Hostname.Length > 0 ? Hostname : "host?";
}
