using System.Text.Json;

namespace ConnStorm.Results;

/// <summary>
/// cluster.json: the fleet of a cluster run and, per run, how each host did. The coordinator writes
/// it (<see cref="Write"/>); the merge reads it (<see cref="Read"/>). snake_case keys, UTC times with "Z".
/// </summary>
public sealed record ClusterFile
{
    public const string CurrentSchema = "connstorm.cluster/1";

    public string Schema { get; init; } = CurrentSchema;
    /// <summary>The NATS server the coordinator used (without credentials).</summary>
    public string Nats { get; init; } = "";
    public string CoordinatorHostname { get; init; } = "";
    public IReadOnlyList<ClusterHost> Hosts { get; init; } = [];
    /// <summary>One entry per run of the scenario (one without sweep).</summary>
    public IReadOnlyList<ClusterRun> Runs { get; init; } = [];

    /// <summary>The fleet's entry for <paramref name="name"/>; null for a host the fleet does not list.</summary>
    public ClusterHost? Host(string name) => Hosts.FirstOrDefault(h => h.Name == name);

    public static void Write(string path, ClusterFile cluster) => JsonFile.Write(path, cluster);

    public static ClusterFile Read(string path) => JsonFile.Read<ClusterFile>(path);
}

/// <summary>One agent as it announced itself, with the clock offset and round trip the coordinator measured.</summary>
public sealed record ClusterHost
{
    public string Name { get; init; } = "";
    public string KernelRelease { get; init; } = "";
    public int Cores { get; init; }
    public long RlimitNofile { get; init; }
    /// <summary>The local addresses it can bind.</summary>
    public IReadOnlyList<string> Addresses { get; init; } = [];
    /// <summary>Its ip_local_port_range as the kernel prints it ("32768 60999").</summary>
    public string PortRange { get; init; } = "";
    /// <summary>Agent clock minus coordinator clock, ms: agent time − offset = coordinator time.</summary>
    public double ClockOffsetMs { get; init; }
    public double RttMs { get; init; }
    /// <summary>"load" or "sink".</summary>
    public string Role { get; init; } = "load";
}

/// <summary>One run of a cluster experiment: where its folder is, the common start and each host's outcome.</summary>
public sealed record ClusterRun
{
    public int Run { get; init; }
    /// <summary>The run's id as the sweep names it ("001-connect-r500-t1-s1").</summary>
    public string Id { get; init; } = "";
    /// <summary>The run's folder relative to the results folder: "." without sweep, "runs/&lt;id&gt;" in a sweep.</summary>
    public string RunDir { get; init; } = ".";
    /// <summary>The common start, on the coordinator's clock: t = 0 of the merged files.</summary>
    public DateTime StartUtc { get; init; }
    public IReadOnlyList<ClusterRunHost> Hosts { get; init; } = [];
    /// <summary>The agents in the sink role: complete when they served from before the start to after the load's end.</summary>
    public IReadOnlyList<ClusterRunHost> Sinks { get; init; } = [];
}

/// <summary>How one host did in one run.</summary>
public sealed record ClusterRunHost
{
    public string Name { get; init; } = "";
    /// <summary>One of <see cref="HostStatus"/>.</summary>
    public string Status { get; init; } = HostStatus.Complete;
    /// <summary>Ms after the run's start_utc when its heartbeats stopped; null unless lost.</summary>
    public double? LostAtMs { get; init; }
    /// <summary>The attempts of its shard.</summary>
    public long Attempts { get; init; }
    public string? Error { get; init; }
}

/// <summary>The values of a host's status in cluster.json and hosts.csv.</summary>
public static class HostStatus
{
    /// <summary>It ran its shard and handed over its files.</summary>
    public const string Complete = "complete";
    /// <summary>Its heartbeats stopped mid-run; whatever files arrived are merged.</summary>
    public const string Lost = "lost";
    /// <summary>It refused the plan (malformed, unauthorised): it ran nothing.</summary>
    public const string Refused = "refused";
    /// <summary>It took the plan but could not run it (a lab that would not start).</summary>
    public const string Failed = "failed";
}
