using ConnStorm.Scenarios;

namespace ConnStorm.Results;

/// <summary>
/// What the runner knows about a run that the recorder cannot see in its events.
/// Targets and SourceIps are counts; Seconds runs from the first attempt to the last connect outcome.
/// </summary>
public sealed record RunInfo(
    int Run,
    string Variant,
    PortRange? PortRange,
    int Targets,
    int SourceIps,
    long Attempted,
    double Seconds,
    long RlimitNofile,
    int Workers,
    bool Interrupted);
