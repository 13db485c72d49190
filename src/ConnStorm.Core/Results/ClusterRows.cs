namespace ConnStorm.Results;

/// <summary>
/// The one place the rows of a cluster run are put together: its merged runs.csv row (the sibling of
/// <see cref="RunRowBuilder"/>, whose inputs are one recorder's) and its hosts.csv rows.
/// </summary>
public static class ClusterRows
{
    /// <summary>
    /// The merged runs.csv row. Counts (attempted, established, failures, workers, source IPs) are sums;
    /// max_established is the most the fleet held at once (<paramref name="maxOpen"/>, from the merged
    /// timeline); the first failure is the earliest on the common clock with the fleet's open count then;
    /// percentiles come from the merged histograms. Facts that differ between hosts (port range,
    /// tcp_tw_reuse) are left empty; rlimit_nofile is the lowest.
    /// </summary>
    public static RunRow Run(ClusterRun run, IReadOnlyList<HostMeasure> hosts, long maxOpen, FailureRecord? first, long? openAtFirst, LatencyPercentiles? latency)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(hosts);
        var rows = hosts.Where(h => h.Row is not null).Select(h => h.Row!).ToList();
        var template = rows.FirstOrDefault() ?? new RunRow();
        bool Same<T>(Func<RunRow, T> field) => rows.Select(field).Distinct().Count() <= 1;
        return template with
        {
            Run = run.Run,
            RunDir = run.RunDir,
            PortRangeLo = Same(r => (r.PortRangeLo, r.PortRangeHi)) ? template.PortRangeLo : null,
            PortRangeHi = Same(r => (r.PortRangeLo, r.PortRangeHi)) ? template.PortRangeHi : null,
            PortRangeSize = Same(r => (r.PortRangeLo, r.PortRangeHi)) ? template.PortRangeSize : null,
            Targets = rows.Count == 0 ? 0 : rows.Max(r => r.Targets),
            SourceIps = rows.Sum(r => r.SourceIps),
            Attempted = hosts.Sum(h => h.Attempted),
            Established = hosts.Sum(h => h.Established),
            Failures = hosts.Sum(h => h.Failures),
            MaxEstablished = maxOpen,
            FirstFailureAt = first is null ? null : openAtFirst,
            FirstFailureErrno = first?.ErrnoName,
            FirstFailurePhase = first?.Phase.ToName(),
            Seconds = Math.Round(Math.Max(0, hosts.Count == 0 ? 0 : hosts.Max(h => h.LastOutcomeMs)) / 1000.0, 3),
            ConnectP50Us = latency?.P50,
            ConnectP99Us = latency?.P99,
            ConnectMaxUs = latency?.Max,
            ConnectP90Us = latency?.P90,
            ConnectP999Us = latency?.P999,
            RlimitNofile = rows.Count == 0 ? 0 : rows.Min(r => r.RlimitNofile),
            FdCapped = rows.Any(r => r.FdCapped),
            Workers = rows.Sum(r => r.Workers),
            Interrupted = rows.Any(r => r.Interrupted),
            // Each host has its own source addresses, so the fleet's rule is the sum of the hosts'.
            PredictedLimit = rows.Count > 0 && rows.All(r => r.PredictedLimit is not null) ? rows.Sum(r => r.PredictedLimit) : null,
            WorkersLost = rows.Sum(r => r.WorkersLost),
            TwReuse = Same(r => r.TwReuse) ? template.TwReuse : null,
            ChurnRatePerS = rows.Any(r => r.ChurnRatePerS is not null) ? Math.Round(rows.Sum(r => r.ChurnRatePerS ?? 0), 2) : null,
            ChurnRulePerS = rows.Any(r => r.ChurnRulePerS is not null) ? Math.Round(rows.Sum(r => r.ChurnRulePerS ?? 0), 2) : null,
            ProxyConnErrors = rows.Any(r => r.ProxyConnErrors is not null) ? rows.Sum(r => r.ProxyConnErrors ?? 0) : null,
            ProxyMaxCurrent = rows.Any(r => r.ProxyMaxCurrent is not null) ? rows.Sum(r => r.ProxyMaxCurrent ?? 0) : null,
        };
    }

    /// <summary>One hosts.csv row: the host's status from cluster.json, its counts, its clock facts.</summary>
    public static HostRow Host(ClusterRun run, HostMeasure host)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(host);
        return new HostRow
        {
            Run = run.Run,
            Host = host.Entry.Name,
            Status = host.Entry.Status,
            // What it attempted (a refused host: 0), not the shard it was given.
            Attempts = host.Row?.Attempted ?? host.Attempted,
            MaxEstablished = host.MaxOpen,
            Failures = host.Failures,
            FirstFailureErrno = host.First?.ErrnoName,
            ClockOffsetMs = host.Fleet?.ClockOffsetMs ?? 0,
            RttMs = host.Fleet?.RttMs ?? 0,
            LostAtMs = host.Entry.LostAtMs,
            Error = host.Entry.Error,
        };
    }
}
