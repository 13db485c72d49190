namespace ConnStorm.Tests.TestSupport;

/// <summary>The shape of a <see cref="ClusterRig"/>: how many simulated load hosts, their port range, what it starts.</summary>
public sealed record ClusterRigOptions
{
    /// <summary>Agent namespaces, 1 to 200: agent i gets 198.18.0.(10 + i). Default 3.</summary>
    public int Agents { get; init; } = 3;

    /// <summary>Each agent namespace's net.ipv4.ip_local_port_range. Default "40000 40499" (500 ports).</summary>
    public string PortRange { get; init; } = "40000 40499";

    /// <summary>Start `connstorm sink --listen 198.18.0.10:9000` in the target namespace at once. Default true.</summary>
    public bool StartSink { get; init; } = true;

    /// <summary>The sink's --mode when started by the rig. Default "hold".</summary>
    public string SinkMode { get; init; } = "hold";

    /// <summary>Extra nats-server arguments (for example --user/--pass, --auth TOKEN, -c FILE, -js). Default none.</summary>
    public IReadOnlyList<string> NatsArgs { get; init; } = [];
}
