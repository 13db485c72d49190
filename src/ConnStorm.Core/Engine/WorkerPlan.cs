using System.Net;
using System.Text.Json;
using ConnStorm.Scenarios;

namespace ConnStorm.Engine;

/// <summary>
/// Everything one worker process needs to run its share of a run, sent as one JSON
/// line on its stdin and read back as the same types (<see cref="WorkerPlanJson"/>):
/// the worker parses no scenario text. A run is split across workers by sequence number:
/// worker <see cref="WorkerIndex"/> of <see cref="WorkerCount"/> makes the attempts whose
/// seq % WorkerCount == WorkerIndex, so targets, source IPs and ports stay assigned
/// exactly as in a single-process run.
/// </summary>
public sealed record WorkerPlan
{
    public int WorkerIndex { get; init; }
    public int WorkerCount { get; init; } = 1;
    /// <summary>Attempts in the whole run (all workers).</summary>
    public long Connections { get; init; }
    /// <summary>The destinations, already expanded from the scenario's patterns; seq picks one by index.</summary>
    public required IReadOnlyList<IPEndPoint> Targets { get; init; }
    public IReadOnlyList<IPAddress> SourceIps { get; init; } = [];
    /// <summary>Explicit source ports to bind; null: the kernel picks.</summary>
    public PortRange? SourcePorts { get; init; }
    public bool BindBeforeConnect { get; init; }
    public bool ReuseAddr { get; init; }
    public bool BindAddressNoPort { get; init; }
    /// <summary>IP_LOCAL_PORT_RANGE on each socket; null: not set.</summary>
    public PortRange? LocalPortRange { get; init; }
    public bool LingerRst { get; init; }
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(3);
    /// <summary>New connections per second for this worker; 0 = as fast as possible.</summary>
    public double Rate { get; init; }
    public int Concurrency { get; init; } = 1000;
    public TimeSpan Hold { get; init; }
    public StopOn StopOn { get; init; } = StopOn.FirstFailure;
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(300);
    /// <summary>Descriptors this worker may use (its soft RLIMIT_NOFILE); 0: the hard limit.</summary>
    public long FdLimit { get; init; }
    /// <summary>Send one line per established connection (connections.csv). Off: only counts and latencies.</summary>
    public bool ReportConnections { get; init; } = true;
    /// <summary>Churn for this long (already capped by the time limit): open, verify, close, repeat; null: hold mode.</summary>
    public TimeSpan? Churn { get; init; }
    /// <summary>How a churned connection ends (an RST close is <see cref="LingerRst"/>).</summary>
    public CloseMode Close { get; init; } = CloseMode.ClientFin;
    /// <summary>Bytes to send after the handshake and expect back before a connection counts; 0: no check.</summary>
    public int VerifyBytes { get; init; }
    /// <summary>Each held connection pings once per this interval during the hold; zero: off.</summary>
    public TimeSpan PingInterval { get; init; }
    /// <summary>Sample the namespace's TIME_WAIT count this often (one worker per namespace does); zero: off.</summary>
    public TimeSpan SampleEvery { get; init; }

    /// <summary>
    /// After the go, wait for the parent's T (your turn) before the first attempt: only so many
    /// workers of a run connect at once (see ProcessBudget.ConnectingAtOnce).
    /// </summary>
    public bool WaitsForTurn { get; init; }

    /// <summary>Attempts a churn may make at most when it has no rate: the clock bounds it, not this.</summary>
    public const long UnboundedChurnAttempts = 1L << 40;

    /// <param name="atOnce">Workers connecting at the same time (the others wait their turn); 0: all of them.
    /// load.concurrency is shared among these, not among all workers.</param>
    public static WorkerPlan For(Scenario s, int workerIndex = 0, int workerCount = 1, int atOnce = 0) => new()
    {
        WaitsForTurn = atOnce > 0 && workerIndex >= atOnce,
        WorkerIndex = workerIndex,
        WorkerCount = workerCount,
        Connections = ChurnAttempts(s),
        Targets = s.Targets,
        SourceIps = s.Client.SourceIps,
        SourcePorts = s.Client.SourcePorts,
        BindBeforeConnect = s.Client.BindBeforeConnect,
        ReuseAddr = s.Client.ReuseAddr,
        BindAddressNoPort = s.Client.BindAddressNoPort,
        LocalPortRange = s.Client.LocalPortRange,
        LingerRst = s.Client.ClosesWithRst,
        ConnectTimeout = s.Client.ConnectTimeout,
        Rate = s.Load.Rate / workerCount,
        Concurrency = Math.Max(1, s.Load.Concurrency / (atOnce > 0 ? Math.Min(atOnce, workerCount) : workerCount)),
        Hold = s.Load.Hold,
        StopOn = s.Load.StopOn,
        TimeLimit = s.Load.TimeLimit,
        ReportConnections = s.Output.ConnectionsCsv,
        Churn = ChurnDuration(s),
        Close = s.Client.Close,
        VerifyBytes = s.Client.Verify == VerifyMode.Echo ? s.Client.PayloadBytes : 0,
        PingInterval = s.Load.PingInterval,
        // Workers of one run share the namespace, so one sample is the whole lab's count.
        SampleEvery = workerIndex == 0 ? s.Output.TimelineInterval : TimeSpan.Zero,
    };

    /// <summary>A churn's duration bounded by the time limit; null for a hold.</summary>
    public static TimeSpan? ChurnDuration(Scenario s) =>
        s.Load.Mode == LoadMode.Churn && s.Load.Duration is { } d ? (d < s.Load.TimeLimit ? d : s.Load.TimeLimit) : null;

    /// <summary>Hold: load.connections. Churn: rate × duration, or unbounded (the clock ends it) at rate 0.</summary>
    private static long ChurnAttempts(Scenario s) => ChurnDuration(s) is not { } d ? s.Load.Connections
        : s.Load.Rate > 0 ? Math.Max(1, (long)Math.Ceiling(s.Load.Rate * d.TotalSeconds)) : UnboundedChurnAttempts;

    /// <summary>Attempts this worker makes: the seqs ≡ WorkerIndex (mod WorkerCount) below Connections.</summary>
    public long AttemptsForThisWorker =>
        Connections <= WorkerIndex ? 0 : (Connections - WorkerIndex + WorkerCount - 1) / WorkerCount;

    public string ToJson() => JsonSerializer.Serialize(this, WorkerPlanJson.Default.WorkerPlan);

    public static WorkerPlan FromJson(string json) =>
        JsonSerializer.Deserialize(json, WorkerPlanJson.Default.WorkerPlan) ?? throw new FormatException("empty worker plan");
}
