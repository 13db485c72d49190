using System.Net;

namespace ConnStorm.Scenarios;

/// <summary>How HAProxy spreads new connections over its servers.</summary>
public enum ProxyBalance
{
    RoundRobin,
    LeastConn,
}

/// <summary>
/// The `proxy:` section: an HAProxy (TCP mode) in the lab between the clients and the embedded
/// sink. The clients connect to <see cref="Listen"/>; HAProxy opens one upstream connection per
/// client connection to one of <see cref="Backends"/>, each of which needs a local port of its own.
/// </summary>
public sealed record ProxySpec
{
    public required IPEndPoint Listen { get; init; }
    /// <summary>Every upstream server, expanded from patterns; the sink listens on each.</summary>
    public required IReadOnlyList<IPEndPoint> Backends { get; init; }
    public ProxyBalance Balance { get; init; } = ProxyBalance.RoundRobin;
    /// <summary>
    /// Upstream source addresses. Empty: the kernel picks (no `source` line). One: every server
    /// binds it. Several: each backend gets one server line per address, so the balancing spreads
    /// connections over every (source, backend) pair.
    /// </summary>
    public IReadOnlyList<IPAddress> Source { get; init; } = [];
    /// <summary>HAProxy's global and frontend maxconn (lowered to what RLIMIT_NOFILE allows). Default 200000.</summary>
    public int MaxConn { get; init; } = 200_000;
    public TimeSpan TimeoutConnect { get; init; } = TimeSpan.FromSeconds(3);

    public string BalanceName => Balance == ProxyBalance.LeastConn ? "leastconn" : "roundrobin";

    /// <summary>"none" (kernel-chosen), one address, or "N addresses", for runs.csv and plots.</summary>
    public string SourceText => Source.Count switch
    {
        0 => "none",
        1 => Source[0].ToString(),
        _ => $"{Source[0]}-{Source[^1]}",
    };
}
