namespace ConnStorm.Results;

/// <summary>
/// One clock for a cluster run: each host's times (ms from its own connect start, on its own clock)
/// moved onto the coordinator's clock, from the run's common start.
/// </summary>
public static class ClusterClock
{
    /// <summary>
    /// What to add to a host's t_ms: (connect_started_utc − clock_offset) − start_utc, in ms. A host whose
    /// manifest predates connect_started_utc is taken to have started at start_utc (shift 0).
    /// </summary>
    public static double ShiftMs(DateTime? connectStartedUtc, double clockOffsetMs, DateTime startUtc) =>
        connectStartedUtc is { } started
            ? (started - startUtc).TotalMilliseconds - clockOffsetMs
            : 0;
}
