namespace ConnStorm.Results;

/// <summary>Live counters of one run, kept by <see cref="RunRecorder"/> as events arrive (for progress display and the summary).</summary>
public sealed class RunStats
{
    private readonly Dictionary<int, long> failuresByErrno = [];

    /// <summary>Connections established so far (all of them, including any that dropped later).</summary>
    public long Established { get; private set; }
    /// <summary>Established minus dropped (failures of phase Reset).</summary>
    public long Open { get; private set; }
    public long MaxOpen { get; private set; }
    /// <summary>Failure events so far, drops included.</summary>
    public long Failures { get; private set; }
    public IReadOnlyDictionary<int, long> FailuresByErrno => failuresByErrno;
    /// <summary>The earliest failure (by t_ms) seen so far; null while nothing failed.</summary>
    public FailureRecord? FirstFailure { get; private set; }
    /// <summary>Time of the latest connect outcome (an established connection or a failed attempt; drops are not outcomes).</summary>
    public double LastOutcomeMs { get; private set; }

    internal void OnEstablished(ConnectionRecord r)
    {
        Established++;
        Open++;
        MaxOpen = Math.Max(MaxOpen, Open);
        LastOutcomeMs = Math.Max(LastOutcomeMs, r.TMs);
    }

    internal void OnFailed(FailureRecord f)
    {
        Failures++;
        failuresByErrno[f.Errno] = failuresByErrno.GetValueOrDefault(f.Errno) + 1;
        // Workers report out of order; "first" means earliest in time, not first delivered.
        if (FirstFailure is null || f.TMs < FirstFailure.TMs)
        {
            FirstFailure = f;
        }
        if (f.IsDrop)
        {
            Open--;
        }
        else
        {
            LastOutcomeMs = Math.Max(LastOutcomeMs, f.TMs);
        }
    }
}
