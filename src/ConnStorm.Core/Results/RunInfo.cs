using ConnStorm.Scenarios;

namespace ConnStorm.Results;

/// <summary>
/// What the runner knows about a run that the recorder cannot see in its events: its identity,
/// the lab's facts and the processes'. Targets and SourceIps are counts; Seconds runs from the
/// first attempt to the last connect outcome; PortRange is ip_local_port_range as read inside the lab.
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
    bool Interrupted)
{
    /// <summary>The run's own folder, relative to the results folder ("." for a single run).</summary>
    public string RunDir { get; init; } = ".";
    /// <summary>Worker processes that died before finishing.</summary>
    public int WorkersLost { get; init; }
    /// <summary>net.ipv4.tcp_tw_reuse as read inside the lab; null when it was not read.</summary>
    public int? TwReuse { get; init; }
    /// <summary>Set when the runner stopped the run at a machine limit itself (the memory floor): "memory".</summary>
    public string? LimitMet { get; init; }
    /// <summary>Connections open when the runner stopped the run at <see cref="LimitMet"/>.</summary>
    public long? LimitMetAt { get; init; }
    public long? MemoryFloorBytes { get; init; }
    public long? MemAvailableStartBytes { get; init; }
    public long? MemAvailableMinBytes { get; init; }
    /// <summary>The slab and sockstat readings around the connect phase; null where they could not be read.</summary>
    public KernelMemory? Kernel { get; init; }
    public long? ConnStormGrowthBytesPerConn { get; init; }
    /// <summary>
    /// ConnStorm's memory at the peak: the PSS sum (KiB) over the parent, the workers and the sinks, read
    /// once when every worker's connect phase was over and before any let go of its connections; null when not read.
    /// </summary>
    public long? ConnStormPssKb { get; init; }
    /// <summary>How many processes <see cref="ConnStormPssKb"/> counts.</summary>
    public int? ConnStormProcesses { get; init; }
    /// <summary>The parent's (the runner's) part of <see cref="ConnStormPssKb"/>.</summary>
    public long? ConnStormParentPssKb { get; init; }
}
