namespace ConnStorm.Results;

/// <summary>
/// What one host measured in one run of a cluster experiment, counted from its files (its runs.csv row
/// when it finished, its partial files when it was lost), with <see cref="ShiftMs"/> onto the common clock.
/// <see cref="First"/> and <see cref="LastOutcomeMs"/> are already on the common clock.
/// </summary>
public sealed record HostMeasure(
    ClusterRunHost Entry,
    ClusterHost? Fleet,
    RunRow? Row,
    double ShiftMs,
    long Attempted,
    long Established,
    long Failures,
    long MaxOpen,
    FailureRecord? First,
    double LastOutcomeMs);
