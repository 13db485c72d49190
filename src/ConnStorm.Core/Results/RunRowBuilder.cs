using ConnStorm.Rules;
using ConnStorm.Scenarios;

namespace ConnStorm.Results;

/// <summary>
/// The one place a runs.csv row is put together, from what each part of a run knows: the runner
/// (<see cref="RunInfo"/>), the recorder (<see cref="RecordedRun"/>), the scenario's client, and
/// for a churn or a proxied run their figures.
/// </summary>
public static class RunRowBuilder
{
    /// <summary>TCP_TIMEWAIT_LEN: how long the side that closed first keeps its 4-tuple, fixed at 60 s.</summary>
    public const double TimeWaitSeconds = 60;

    public static RunRow Build(RunInfo info, RecordedRun recorded, ClientSpec client, ChurnFigures? churn = null, ProxyFigures? proxy = null)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(recorded);
        ArgumentNullException.ThrowIfNull(client);
        var stats = recorded.Stats;
        var first = stats.FirstFailure;
        var latency = recorded.ConnectLatency;
        var row = new RunRow
        {
            Run = info.Run,
            Variant = info.Variant,
            PortRangeLo = info.PortRange?.Lo,
            PortRangeHi = info.PortRange?.Hi,
            PortRangeSize = info.PortRange?.Size,
            Targets = info.Targets,
            SourceIps = info.SourceIps,
            Attempted = info.Attempted,
            MaxEstablished = stats.MaxOpen,
            Established = stats.Established,
            FirstFailureAt = first?.OpenAtFailure,
            FirstFailureErrno = first?.ErrnoName,
            FirstFailurePhase = first?.Phase.ToName(),
            Failures = stats.Failures,
            Seconds = Math.Round(info.Seconds, 3),
            ConnectP50Us = latency?.P50,
            ConnectP99Us = latency?.P99,
            ConnectMaxUs = latency?.Max,
            RlimitNofile = info.RlimitNofile,
            FdCapped = stats.FailuresByErrno.ContainsKey(Sockets.Errno.EMFILE),
            Workers = info.Workers,
            Interrupted = info.Interrupted,
            RunDir = info.RunDir,
            BindBeforeConnect = client.BindBeforeConnect,
            BindAddressNoPort = client.BindAddressNoPort,
            ReuseAddr = client.ReuseAddr,
            SourcePorts = client.SourcePorts?.Size,
            WorkersLost = info.WorkersLost,
            TwReuse = info.TwReuse,
            Close = churn is null ? null : (client.ClosesWithRst ? CloseMode.ClientRst : client.Close).ToName(),
            ChurnRatePerS = churn is null ? null : Math.Round(churn.SustainedRatePerS, 2),
            ChurnRulePerS = churn is not null && info.PortRange is { } r ? Math.Round(r.Size / TimeWaitSeconds, 2) : null,
            ProxyBackends = proxy?.Backends,
            ProxySource = proxy?.Source,
            ProxyConnErrors = proxy?.ConnErrors,
            ProxyMaxCurrent = proxy?.MaxCurrent,
            ConnectP90Us = latency?.P90,
            ConnectP999Us = latency?.P999,
            LimitMet = info.LimitMet ?? LimitFrom(stats),
            LimitMetAt = info.LimitMet is not null ? info.LimitMetAt : first is { } f && LimitLadder.KindOf(f.Errno) is not null ? f.OpenAtFailure : null,
            MemoryFloorBytes = info.MemoryFloorBytes,
            MemAvailableStartBytes = info.MemAvailableStartBytes,
            MemAvailableMinBytes = info.MemAvailableMinBytes,
            KernelSlabBytes = info.Kernel?.SlabBytes,
            KernelBytesPerConn = info.Kernel?.BytesPerConnection,
            KernelTcpObjects = info.Kernel?.TcpObjects,
            TcpInUse = info.Kernel?.TcpInUse,
            TcpMemPages = info.Kernel?.TcpMemPages,
            TcpAlloc = info.Kernel?.TcpAllocated,
            ConnStormGrowthBytesPerConn = info.ConnStormGrowthBytesPerConn,
            ConnStormPssKb = info.ConnStormPssKb,
            ConnStormProcesses = info.ConnStormProcesses,
            ConnStormParentPssKb = info.ConnStormParentPssKb,
            ConnStormBytesPerConn = info.ConnStormPssKb is { } pss && stats.MaxOpen > 0 ? pss * 1024 / stats.MaxOpen : null,
            TcpInfoSamples = recorded.Split?.Samples,
            ConnectKernelP50Us = recorded.Split?.Kernel.P50,
            ConnectKernelP99Us = recorded.Split?.Kernel.P99,
            ConnectKernelMaxUs = recorded.Split?.Kernel.Max,
            ConnectOwnP50Us = recorded.Split?.Own.P50,
            ConnectOwnP99Us = recorded.Split?.Own.P99,
            ConnectOwnMaxUs = recorded.Split?.Own.Max,
            SynRetransmits = recorded.Split?.Retransmits,
        };
        // Only the kernel's measured range makes a prediction; a range that was never read has none,
        // and a per-socket range (IP_LOCAL_PORT_RANGE) is outside the rules.
        return info.PortRange is { } range && client.LocalPortRange is null
            ? row with { PredictedLimit = PortRules.Predict(Shape(info, client, range)).Limit }
            : row;
    }

    /// <summary>The machine limit the run's first failure met, by its errno (Rules.LimitLadder.KindOf); null for any other failure or none.</summary>
    private static string? LimitFrom(RunStats stats) =>
        stats.FirstFailure is { } f && LimitLadder.KindOf(f.Errno) is { } kind ? LimitName(kind) : null;

    /// <summary>The limit_met value of a ladder rung: memory, files, descriptors, ports.</summary>
    public static string LimitName(LimitLadder.Kind kind) => kind switch
    {
        LimitLadder.Kind.Memory => "memory",
        LimitLadder.Kind.Files => "files",
        LimitLadder.Kind.Descriptors => "descriptors",
        _ => "ports",
    };

    private static ClientShape Shape(RunInfo info, ClientSpec client, PortRange range) => new(
        client.BindBeforeConnect,
        client.BindAddressNoPort,
        client.ReuseAddr,
        client.SourcePorts?.Size ?? 0,
        range.Size,
        info.Targets,
        Math.Max(1, info.SourceIps));
}
