namespace ConnStorm.Results;

/// <summary>RLIMIT_NOFILE as the run found it, and what it was raised to (null: not raised).</summary>
public sealed record RlimitNofile(ulong Soft, ulong Hard, ulong? RaisedTo);

/// <summary>
/// manifest.json: everything needed to tell later what produced a results folder and on what machine.
/// Written with snake_case keys by <see cref="ManifestWriter"/>.
/// </summary>
public sealed record Manifest
{
    public const string CurrentSchema = "connstorm.run/1";

    public string Schema { get; init; } = CurrentSchema;
    public string ToolVersion { get; init; } = "";
    /// <summary>The resolved scenario (after overrides), as the scenario loader renders it; keys are kept as given.</summary>
    public IReadOnlyDictionary<string, object?> Scenario { get; init; } = new Dictionary<string, object?>();
    public string ScenarioFile { get; init; } = "";
    public string KernelRelease { get; init; } = "";
    public string Hostname { get; init; } = "";
    public int Cores { get; init; }
    public long? MemoryBytes { get; init; }
    public RlimitNofile RlimitNofile { get; init; } = new(0, 0, null);
    /// <summary>sysctl key → value, read inside the namespace that ran the experiment (see SysctlWhitelist.Reported).</summary>
    public IReadOnlyDictionary<string, string> Sysctls { get; init; } = new Dictionary<string, string>();
    /// <summary>The network namespace the run used; null for the current one.</summary>
    public string? Namespace { get; init; }
    public DateTime StartedUtc { get; init; }
    /// <summary>
    /// The UTC time of the timeline's t = 0 (and of t_ms = 0 in failures.csv and connections.csv), on the
    /// clock of the host that ran it; null in manifests written before it existed.
    /// </summary>
    public DateTime? ConnectStartedUtc { get; init; }
    /// <summary>
    /// When the first connect() of the run began (the earliest over its workers), on the same clock as
    /// <see cref="ConnectStartedUtc"/>; null when nothing was attempted or in older manifests. In a
    /// cluster run, its spread over the hosts is the start skew a user sees.
    /// </summary>
    public DateTime? FirstAttemptUtc { get; init; }
    /// <summary>Null while the run is going on (or when it was killed before it could finish the manifest).</summary>
    public DateTime? EndedUtc { get; init; }
    /// <summary>
    /// False from the start of a run until its end: a folder whose manifest still says false was left by
    /// a run that was killed (SIGKILL, power loss). Manifests written before this key existed were
    /// only ever written at the end, so a missing key reads as true.
    /// </summary>
    public bool Complete { get; init; } = true;
    public bool Interrupted { get; init; }
    /// <summary>Null until the run ends.</summary>
    public int? ExitCode { get; init; }
    public IReadOnlyList<string> Notes { get; init; } = [];
    /// <summary>What this host allowed the run when it started (memory, floor, files, descriptors): the ladder of limits is computed from it; null in older manifests.</summary>
    public Rules.MachineLimits? Limits { get; init; }
    /// <summary>
    /// Which binary ran the workers and sinks: "aot" (the NativeAOT connstorm-worker) or "jit" (connstorm
    /// itself); null in manifests written before it existed and in runs without worker processes.
    /// </summary>
    public string? WorkerBuild { get; init; }
}
