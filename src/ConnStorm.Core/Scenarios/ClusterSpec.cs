using System.Net;

namespace ConnStorm.Scenarios;

/// <summary>
/// The cluster: section: which agent binds which source addresses and connects to which targets.
/// Only the coordinator of `run --cluster` reads it; a local run ignores it.
/// </summary>
public sealed record ClusterSpec
{
    /// <summary>Agent name → its share of the addressing, in the order the file gives them.</summary>
    public IReadOnlyList<ClusterHostSpec> Hosts { get; init; } = [];
    /// <summary>Where the cluster: key stands ("file:line:column"), for errors such as an unknown agent.</summary>
    public string Location { get; init; } = "";
}

/// <summary>
/// One agent's entry: empty lists keep the scenario's own client.source_ips and targets. An agent in the
/// sink role makes no attempts: it serves <paramref name="Listen"/> with the scenario's sink: options
/// for the load agents, so a rig made only of agents needs no separate sink.
/// </summary>
public sealed record ClusterHostSpec(string Name, IReadOnlyList<IPAddress> SourceIps, IReadOnlyList<IPEndPoint> Targets,
    ClusterRole Role = ClusterRole.Load, IReadOnlyList<IPEndPoint>? Listen = null)
{
    public IReadOnlyList<IPEndPoint> Listen { get; init; } = Listen ?? [];
}

/// <summary>cluster.hosts.NAME.role: load (makes attempts, the default) or sink (serves listen addresses).</summary>
public enum ClusterRole
{
    Load,
    Sink,
}
