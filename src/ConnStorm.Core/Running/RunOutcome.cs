using ConnStorm.Results;

namespace ConnStorm.Running;

/// <summary>What the runner hands back to the command: the exit code, where results went, the row.</summary>
public sealed record RunOutcome(int ExitCode, string? ResultsDir, RunRow? Row, string? Error = null)
{
    /// <summary>Workers' resident memory (KiB, summed) before the first attempt and at the end of the connect phase.</summary>
    public long WorkerRssReadyKb { get; init; }
    public long WorkerRssConnectedKb { get; init; }
    public long PeakMemoryKb { get; init; }
    public int Processes { get; init; }
    public double WallSeconds { get; init; }
    /// <summary>"aot" or "jit": which binary ran the last run's workers and sinks (manifest.json worker_build).</summary>
    public string? WorkerBuild { get; init; }
    /// <summary>Every run's row, in order (one for a scenario without a sweep).</summary>
    public IReadOnlyList<RunRow> Rows { get; init; } = [];
}
