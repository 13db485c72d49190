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

/// <summary>One agent's entry: empty lists keep the scenario's own client.source_ips and targets.</summary>
public sealed record ClusterHostSpec(string Name, IReadOnlyList<IPAddress> SourceIps, IReadOnlyList<IPEndPoint> Targets);
