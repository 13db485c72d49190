using System.Text.Json;
using System.Text.Json.Serialization;
using ConnStorm.Scenarios;

namespace ConnStorm.Engine;

/// <summary>
/// Everything one worker process needs to run its share of a run, sent as one JSON
/// line on its stdin. A run is split across workers by sequence number: worker
/// <see cref="WorkerIndex"/> of <see cref="WorkerCount"/> makes the attempts whose
/// seq % WorkerCount == WorkerIndex, so targets, source IPs and ports stay assigned
/// exactly as in a single-process run.
/// </summary>
public sealed record WorkerPlan
{
    public int WorkerIndex { get; init; }
    public int WorkerCount { get; init; } = 1;
    /// <summary>Attempts in the whole run (all workers).</summary>
    public long Connections { get; init; }
    public required string[] Targets { get; init; }
    public string[] SourceIps { get; init; } = [];
    public int SourcePortLo { get; init; }
    public int SourcePortHi { get; init; }
    public bool BindBeforeConnect { get; init; }
    public bool ReuseAddr { get; init; }
    public bool BindAddressNoPort { get; init; }
    public int LocalPortRangeLo { get; init; }
    public int LocalPortRangeHi { get; init; }
    public bool LingerRst { get; init; }
    public double ConnectTimeoutMs { get; init; } = 3000;
    /// <summary>New connections per second for this worker; 0 = as fast as possible.</summary>
    public double Rate { get; init; }
    public int Concurrency { get; init; } = 1000;
    public double HoldMs { get; init; }
    public string StopOn { get; init; } = "first_failure";
    public double TimeLimitMs { get; init; } = 300_000;
    /// <summary>Descriptors this worker may use (its soft RLIMIT_NOFILE); 0: the hard limit.</summary>
    public long FdLimit { get; init; }
    /// <summary>Send one line per established connection (connections.csv). Off: only counts and latencies.</summary>
    public bool ReportConnections { get; init; } = true;
    /// <summary>Churn for this long (ms, already capped by the time limit): open, verify, close, repeat; 0: hold mode.</summary>
    public double ChurnMs { get; init; }
    /// <summary>How a churned connection ends (an RST close is <see cref="LingerRst"/>).</summary>
    public CloseMode Close { get; init; } = CloseMode.ClientFin;
    /// <summary>Bytes to send after the handshake and expect back before a connection counts; 0: no check.</summary>
    public int VerifyBytes { get; init; }
    /// <summary>Each held connection pings once per this interval during the hold; 0: off.</summary>
    public double PingIntervalMs { get; init; }
    /// <summary>Sample the namespace's TIME_WAIT count every this many ms (one worker per namespace does); 0: off.</summary>
    public double SampleEveryMs { get; init; }

    /// <summary>Attempts a churn may make at most when it has no rate: the clock bounds it, not this.</summary>
    public const long UnboundedChurnAttempts = 1L << 40;

    public static WorkerPlan For(Scenario s, int workerIndex = 0, int workerCount = 1) => new()
    {
        WorkerIndex = workerIndex,
        WorkerCount = workerCount,
        Connections = ChurnAttempts(s),
        Targets = s.Targets.Select(t => Sockets.SockAddr.Format(t.Address, t.Port)).ToArray(),
        SourceIps = s.Client.SourceIps.Select(a => a.ToString()).ToArray(),
        SourcePortLo = s.Client.SourcePorts?.Lo ?? 0,
        SourcePortHi = s.Client.SourcePorts?.Hi ?? 0,
        BindBeforeConnect = s.Client.BindBeforeConnect,
        ReuseAddr = s.Client.ReuseAddr,
        BindAddressNoPort = s.Client.BindAddressNoPort,
        LocalPortRangeLo = s.Client.LocalPortRange?.Lo ?? 0,
        LocalPortRangeHi = s.Client.LocalPortRange?.Hi ?? 0,
        LingerRst = s.Client.ClosesWithRst,
        ConnectTimeoutMs = s.Client.ConnectTimeout.TotalMilliseconds,
        Rate = s.Load.Rate / workerCount,
        Concurrency = Math.Max(1, s.Load.Concurrency / workerCount),
        HoldMs = s.Load.Hold.TotalMilliseconds,
        StopOn = s.Load.StopOn.ToString(),
        TimeLimitMs = s.Load.TimeLimit.TotalMilliseconds,
        ReportConnections = s.Output.ConnectionsCsv,
        ChurnMs = ChurnDuration(s)?.TotalMilliseconds ?? 0,
        Close = s.Client.Close,
        VerifyBytes = s.Client.Verify == VerifyMode.Echo ? s.Client.PayloadBytes : 0,
        PingIntervalMs = s.Load.PingInterval.TotalMilliseconds,
        // Workers of one run share the namespace, so one sample is the whole lab's count.
        SampleEveryMs = workerIndex == 0 ? s.Output.TimelineInterval.TotalMilliseconds : 0,
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

[JsonSerializable(typeof(WorkerPlan))]
internal sealed partial class WorkerPlanJson : JsonSerializerContext;
