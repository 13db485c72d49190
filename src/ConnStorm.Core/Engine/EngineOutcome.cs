namespace ConnStorm.Engine;

/// <summary>Why the connect phase ended.</summary>
public enum StopReason
{
    /// <summary>Every planned attempt has its outcome.</summary>
    Completed,
    /// <summary>The scenario's stop_on condition was met.</summary>
    StopOn,
    /// <summary>load.time_limit ran out.</summary>
    TimeLimit,
    /// <summary>Asked to stop from outside (Ctrl-C, the parent, another worker's failure).</summary>
    Stopped,
}

/// <summary>What a worker's connect phase did, in its own counts.</summary>
public sealed record EngineOutcome(
    long Attempted,
    long Established,
    long Failures,
    long OpenAtEnd,
    long FirstAttemptUs,
    long LastOutcomeUs,
    StopReason Reason);
