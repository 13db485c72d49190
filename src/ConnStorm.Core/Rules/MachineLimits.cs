namespace ConnStorm.Rules;

/// <summary>
/// What a host allows one run, as read on it (Platform) when the run started: the facts the ladder
/// of limits is computed from. Nulls are facts that could not be read.
/// </summary>
public sealed record MachineLimits
{
    /// <summary>MemAvailable when the run started (before its workers connected).</summary>
    public long? MemAvailableBytes { get; init; }
    public long? MemTotalBytes { get; init; }
    /// <summary>The memory floor the run kept, resolved to bytes.</summary>
    public long? MemoryFloorBytes { get; init; }
    /// <summary>How the floor was given ("10% of MemTotal, at least 1 GiB (the default)", "2 GiB").</summary>
    public string? MemoryFloor { get; init; }
    /// <summary>fs.file-max, and the files allocated system-wide when the run started (fs.file-nr).</summary>
    public long? FileMax { get; init; }
    public long? FilesAllocated { get; init; }
    /// <summary>The run's processes hold CAP_SYS_ADMIN, which exempts them from fs.file-max.</summary>
    public bool FileMaxExempt { get; init; }
    /// <summary>Descriptors each worker may hold (RLIMIT_NOFILE as raised, or --fds-per-process) and connections that leaves.</summary>
    public long? DescriptorsPerProcess { get; init; }
    public long? ConnectionsPerProcess { get; init; }
    /// <summary>Worker processes the run may use: the count given (--workers), else the most ConnStorm starts.</summary>
    public int? Workers { get; init; }
    /// <summary>The worker count was given (--workers); else <see cref="Workers"/> is the most a run may start.</summary>
    public bool WorkersFixed { get; init; }
    /// <summary>Whether the sink holds a descriptor per connection (it accepts) on this host: files per system then count both ends.</summary>
    public bool SinkAccepts { get; init; }
    /// <summary>Bytes each held connection costs the machine, both ends (kernel slab + ConnStorm's growth), and where that figure comes from.</summary>
    public long? BytesPerConnection { get; init; }
    public string? BytesPerConnectionSource { get; init; }
    /// <summary>Memory the run's processes take before their first connection (a plan's estimate: processes × a measured baseline); 0 when already in MemAvailable.</summary>
    public long ProcessesBaselineBytes { get; init; }
}
