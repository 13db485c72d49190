namespace ConnStorm.Results;

/// <summary>What one run produced: its row, its live stats and its manifest.</summary>
public sealed record RunResult(RunRow Row, RunStats Stats, Manifest Manifest, long WorkerRssReadyKb, long WorkerRssConnectedKb)
{
    /// <summary>Sum of the peak resident memory of every ConnStorm process of the run, KiB.</summary>
    public long PeakMemoryKb { get; init; }
    public int Processes { get; init; }
    /// <summary>From starting the lab to the end of the hold, before teardown.</summary>
    public double WallSeconds { get; init; }
}
