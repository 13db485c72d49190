namespace ConnStorm.Scenarios;

/// <summary>
/// The `sweep:` section: dimensions a scenario is repeated over, each run in its own lab.
/// Every list holds at least one value; a list absent from the file holds the base
/// scenario's own value, so <see cref="SweepExpander"/> never has to look for defaults.
/// </summary>
public sealed record SweepSpec
{
    /// <summary>The largest range a size may ask for: every port from 1024 up.</summary>
    public const int MaxRangeSize = 65536 - 1024;

    /// <summary>
    /// ip_local_port_range of each run. Empty only when neither the sweep nor the lab sets one:
    /// the runs then keep the namespace's default range.
    /// </summary>
    public required IReadOnlyList<PortRange> PortRanges { get; init; }
    /// <summary>Each run uses the first N expanded targets.</summary>
    public required IReadOnlyList<int> Targets { get; init; }
    /// <summary>Each run uses the first N expanded client.source_ips (1 when there are none).</summary>
    public required IReadOnlyList<int> SourceIps { get; init; }
    /// <summary>Client option sets, each already merged over client: and validated.</summary>
    public required IReadOnlyList<SweepVariant> Variants { get; init; }
    /// <summary>Extra runs after the product, each with its own dimensions (sweep.include).</summary>
    public IReadOnlyList<SweepInclude> Include { get; init; } = [];
    /// <summary>net.ipv4.tcp_tw_reuse of each run (0, 1 or 2); empty: not swept, the lab's own value.</summary>
    public IReadOnlyList<int> TwReuse { get; init; } = [];
    /// <summary>Each run's proxy uses the first N backends; empty: not swept.</summary>
    public IReadOnlyList<int> ProxyBackends { get; init; } = [];
    /// <summary>Each run's proxy.source (an empty list: the kernel picks); empty: not swept.</summary>
    public IReadOnlyList<IReadOnlyList<System.Net.IPAddress>> ProxySources { get; init; } = [];

    /// <summary>
    /// The range a bare size stands for: from 32768 (the kernel's default low end) when it fits
    /// below 65536, otherwise ending at 65535, so sizes compare like-for-like with the default.
    /// </summary>
    public static PortRange RangeOfSize(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, MaxRangeSize);
        return 32768 + size - 1 <= 65535
            ? new PortRange(32768, 32768 + size - 1)
            : new PortRange(65536 - size, 65535);
    }
}

/// <summary>A named client option set: <see cref="Client"/> is client: with the variant's keys over it.</summary>
public sealed record SweepVariant(string Name, ClientSpec Client);

/// <summary>
/// One extra run: a variant with its own port range (null: the lab's), targets, source IPs and
/// connections (null: load.connections, auto included).
/// </summary>
public sealed record SweepInclude(string Variant, PortRange? PortRange, int Targets, int SourceIps, int? Connections)
{
    /// <summary>connections: max (or max:N): the run is sized to what the machine allows when it starts, at most <see cref="ConnectionsMaxCap"/>.</summary>
    public bool ConnectionsMax { get; init; }
    public int? ConnectionsMaxCap { get; init; }
}
