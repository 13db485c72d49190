using System.Net;

namespace ConnStorm.Scenarios;

/// <summary>
/// A scenario after loading, overriding and validation: every address and range is
/// expanded, every duration parsed. The YAML names of its keys are the public contract
/// (see README "Scenario reference"); <see cref="ScenarioLoader"/> maps them here.
/// </summary>
public sealed record Scenario
{
    public required string Name { get; init; }
    public string? Description { get; init; }
    /// <summary>The file it came from ("" when built in code).</summary>
    public string SourcePath { get; init; } = "";
    /// <summary>Null: run in the current network namespace. Set: run in a private one.</summary>
    public LabSpec? Lab { get; init; }
    /// <summary>Null: no embedded sink; the targets must already listen.</summary>
    public SinkSpec? Sink { get; init; }
    /// <summary>Every destination, expanded from patterns such as "127.0.0.1-127.0.0.4:9000-9001".</summary>
    public required IReadOnlyList<IPEndPoint> Targets { get; init; }
    public ClientSpec Client { get; init; } = new();
    /// <summary>Null: the clients connect to the targets directly. Set: through HAProxy in the lab.</summary>
    public ProxySpec? Proxy { get; init; }
    public LoadSpec Load { get; init; } = new();
    public OutputSpec Output { get; init; } = new();
    /// <summary>Null: one run. Set: a family of runs, see <see cref="SweepExpander"/>.</summary>
    public SweepSpec? Sweep { get; init; }
    /// <summary>Null: agents share the scenario's addressing. Set: per-agent source IPs and targets (run --cluster).</summary>
    public ClusterSpec? Cluster { get; init; }
}

public sealed record LabSpec
{
    /// <summary>sysctl key (dotted, e.g. net.ipv4.ip_local_port_range) → value, applied inside the namespace only.</summary>
    public IReadOnlyDictionary<string, string> Sysctl { get; init; } = new Dictionary<string, string>();
    /// <summary>Where the lab: key stands ("file:line:column"), for errors such as a lab without root.</summary>
    public string Location { get; init; } = "";
}

public enum SinkMode
{
    /// <summary>Accept and hold every connection until the peer closes it.</summary>
    Hold,
    /// <summary>Accept and echo every byte back.</summary>
    Echo,
    /// <summary>Never accept: connections wait in the accept queue, holding no descriptor.</summary>
    NoAccept,
    /// <summary>
    /// Accept, then close first (after echoing the client's payload when it verifies), so the
    /// TIME_WAIT lands on the sink's side. Never written in a scenario: a run starts its sink in
    /// this mode when client.close is server-first.
    /// </summary>
    Close,
}

public sealed record SinkSpec
{
    public required IReadOnlyList<IPEndPoint> Listen { get; init; }
    /// <summary>listen() backlog; the kernel caps it at net.core.somaxconn. Default 65535.</summary>
    public int Backlog { get; init; } = 65535;
    public SinkMode Mode { get; init; } = SinkMode.Hold;
    /// <summary>SO_REUSEPORT on the listeners, so several sink processes can share ports.</summary>
    public bool ReusePort { get; init; }
}

/// <summary>An inclusive port range, 1..65535, Lo &lt;= Hi.</summary>
public readonly record struct PortRange(int Lo, int Hi)
{
    public int Size => Hi - Lo + 1;

    public override string ToString() => Lo == Hi ? $"{Lo}" : $"{Lo}-{Hi}";
}

public sealed record ClientSpec
{
    /// <summary>bind() before connect(). Default false.</summary>
    public bool BindBeforeConnect { get; init; }
    /// <summary>Addresses to bind, used round-robin; only with bind_before_connect. Default: none (wildcard).</summary>
    public IReadOnlyList<IPAddress> SourceIps { get; init; } = [];
    /// <summary>Explicit source ports, shared across destinations; needs bind_before_connect. Default null.</summary>
    public PortRange? SourcePorts { get; init; }
    /// <summary>SO_REUSEADDR only, never SO_REUSEPORT. Default false.</summary>
    public bool ReuseAddr { get; init; }
    /// <summary>IP_BIND_ADDRESS_NO_PORT. Default false.</summary>
    public bool BindAddressNoPort { get; init; }
    /// <summary>IP_LOCAL_PORT_RANGE on each socket. Default null.</summary>
    public PortRange? LocalPortRange { get; init; }
    /// <summary>Close with SO_LINGER {1,0}: RST, no TIME_WAIT. Default false.</summary>
    public bool LingerRst { get; init; }
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(3);
    /// <summary>Who closes a churned connection first, and how. Default client-fin.</summary>
    public CloseMode Close { get; init; } = CloseMode.ClientFin;
    /// <summary>echo: a connection counts only once its payload came back. Default none.</summary>
    public VerifyMode Verify { get; init; } = VerifyMode.None;
    /// <summary>Bytes sent and expected back with verify: echo. Default 64.</summary>
    public int PayloadBytes { get; init; } = 64;

    /// <summary>SO_LINGER {1,0} on every socket: asked for directly, or by close: client-rst.</summary>
    public bool ClosesWithRst => LingerRst || Close == CloseMode.ClientRst;
}

/// <summary>How a connection ends; it decides which side holds the TIME_WAIT.</summary>
public enum CloseMode
{
    /// <summary>The client closes first with FIN: the TIME_WAIT is the client's, and it keeps the source port.</summary>
    ClientFin,
    /// <summary>SO_LINGER {1,0} then close(): RST, no TIME_WAIT on either side.</summary>
    ClientRst,
    /// <summary>The sink closes first; the client closes when it reads EOF: the TIME_WAIT is the sink's.</summary>
    ServerFirst,
}

public enum VerifyMode
{
    None,
    /// <summary>Send client.payload_bytes and count the connection once they came back.</summary>
    Echo,
}

public static class CloseModeNames
{
    public static string ToName(this CloseMode mode) => mode switch
    {
        CloseMode.ClientRst => "client-rst",
        CloseMode.ServerFirst => "server-first",
        _ => "client-fin",
    };
}

public enum StopKind
{
    FirstFailure,
    Never,
    Failures,
}

/// <summary>When a run stops making new attempts: "first_failure", "never" or "failures:N".</summary>
public readonly record struct StopOn(StopKind Kind, int Count = 1)
{
    public static StopOn FirstFailure => new(StopKind.FirstFailure, 1);

    public bool IsReached(long failures) => Kind switch
    {
        StopKind.FirstFailure => failures >= 1,
        StopKind.Failures => failures >= Count,
        _ => false,
    };

    public override string ToString() => Kind switch
    {
        StopKind.FirstFailure => "first_failure",
        StopKind.Never => "never",
        _ => $"failures:{Count}",
    };
}

public enum LoadMode
{
    /// <summary>Open the connections and hold them.</summary>
    Hold,
    /// <summary>Open, optionally exchange bytes, close, repeat for load.duration.</summary>
    Churn,
}

public sealed record LoadSpec
{
    /// <summary>hold or churn. Default hold.</summary>
    public LoadMode Mode { get; init; } = LoadMode.Hold;
    /// <summary>How long a churn goes on (required for churn, bounded by <see cref="TimeLimit"/>); null for hold.</summary>
    public TimeSpan? Duration { get; init; }
    /// <summary>During the hold, each held connection sends one byte per interval and expects it back; zero: off.</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.Zero;
    /// <summary>Connection attempts to make (each is held if it succeeds). Default 300.</summary>
    public int Connections { get; init; } = 300;
    /// <summary>
    /// `connections: auto`: <see cref="Connections"/> is sized from the port rules for each run
    /// (<see cref="AutoConnections"/>). On a loaded scenario it already holds the value for the
    /// lab's own port range when there is one; a sweep run's scenario has it resolved and false.
    /// </summary>
    public bool ConnectionsAuto { get; init; }
    /// <summary>
    /// `connections: max` (or `max:N`): <see cref="Connections"/> is sized by the runner to what this
    /// machine allows (the lowest rung of Rules.LimitLadder: memory with the floor, files, descriptors,
    /// port space), at most <see cref="ConnectionsMaxCap"/> when given.
    /// </summary>
    public bool ConnectionsMax { get; init; }
    public int? ConnectionsMaxCap { get; init; }
    /// <summary>The available memory the run keeps (load.memory_floor; `run --memory-floor` overrides it). Default: Rules.MemoryFloor.Default.</summary>
    public Rules.MemoryFloor MemoryFloor { get; init; } = Rules.MemoryFloor.Default;
    /// <summary>New connections per second; 0 = as fast as possible. Default 0.</summary>
    public double Rate { get; init; }
    /// <summary>Connects in flight at most. Default 1000.</summary>
    public int Concurrency { get; init; } = 1000;
    /// <summary>How long to hold the connections once opened. Default 0s.</summary>
    public TimeSpan Hold { get; init; } = TimeSpan.Zero;
    public StopOn StopOn { get; init; } = StopOn.FirstFailure;
    /// <summary>Upper bound on the connect phase, whatever else happens. Default 300s.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(300);
}

public sealed record OutputSpec
{
    /// <summary>timeline.csv interval. Default 100ms.</summary>
    public TimeSpan TimelineInterval { get; init; } = TimeSpan.FromMilliseconds(100);
    /// <summary>Write connections.csv (one row per established connection). Default true.</summary>
    public bool ConnectionsCsv { get; init; } = true;
}
