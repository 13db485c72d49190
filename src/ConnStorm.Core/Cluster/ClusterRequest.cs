namespace ConnStorm.Cluster;

/// <summary>What `run --cluster` asks of the fleet: which agents, and how long to wait for them.</summary>
public sealed record ClusterRequest(NatsSettings Nats)
{
    public const int DefaultWaitSeconds = 30;

    /// <summary>Wait for this many agents (any names); null: see <see cref="AgentNames"/>.</summary>
    public int? Agents { get; init; }
    /// <summary>Wait for exactly these agents; empty: the agents the cluster: section names, else every agent that answers (at least one).</summary>
    public IReadOnlyList<string> AgentNames { get; init; } = [];
    public TimeSpan Wait { get; init; } = TimeSpan.FromSeconds(DefaultWaitSeconds);
}
