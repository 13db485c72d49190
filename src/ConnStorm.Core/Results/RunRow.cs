using ConnStorm.Results.Csv;
using CsvHelper;

namespace ConnStorm.Results;

/// <summary>One row of runs.csv. Null fields are written empty and read back as null.</summary>
[CsvRecord]
public sealed partial record RunRow
{
    [CsvColumn("run")]
    public int Run { get; init; }

    [CsvColumn("variant")]
    public string Variant { get; init; } = "";

    [CsvColumn("port_range_lo")]
    public int? PortRangeLo { get; init; }

    [CsvColumn("port_range_hi")]
    public int? PortRangeHi { get; init; }

    [CsvColumn("port_range_size")]
    public int? PortRangeSize { get; init; }

    /// <summary>How many destinations.</summary>
    [CsvColumn("targets")]
    public int Targets { get; init; }

    /// <summary>How many source addresses were bound (0: the kernel chose).</summary>
    [CsvColumn("source_ips")]
    public int SourceIps { get; init; }

    [CsvColumn("attempted")]
    public long Attempted { get; init; }

    /// <summary>The most connections open at once.</summary>
    [CsvColumn("max_established")]
    public long MaxEstablished { get; init; }

    /// <summary>Connections open when the first failure happened; null when nothing failed.</summary>
    [CsvColumn("first_failure_at")]
    public long? FirstFailureAt { get; init; }

    [CsvColumn("first_failure_errno")]
    [CsvNullValues("")]
    public string? FirstFailureErrno { get; init; }

    [CsvColumn("first_failure_phase")]
    [CsvNullValues("")]
    public string? FirstFailurePhase { get; init; }

    [CsvColumn("failures")]
    public long Failures { get; init; }

    /// <summary>From the first attempt to the last connect outcome.</summary>
    [CsvColumn("seconds")]
    [CsvConverter(typeof(ThreeDecimalsConverter))]
    public double Seconds { get; init; }

    /// <summary>Connect latency percentiles of the run (all workers' histograms merged), as HdrHistogram reports them (3 significant digits); null without connections.</summary>
    [CsvColumn("connect_p50_us")]
    public int? ConnectP50Us { get; init; }

    [CsvColumn("connect_p99_us")]
    public int? ConnectP99Us { get; init; }

    [CsvColumn("connect_max_us")]
    public int? ConnectMaxUs { get; init; }

    [CsvColumn("rlimit_nofile")]
    public long RlimitNofile { get; init; }

    /// <summary>RLIMIT_NOFILE stopped the run (some attempt failed with EMFILE), not the network.</summary>
    [CsvColumn("fd_capped")]
    public bool FdCapped { get; init; }

    [CsvColumn("workers")]
    public int Workers { get; init; }

    [CsvColumn("interrupted")]
    public bool Interrupted { get; init; }

    /// <summary>The run's own folder, relative to the results folder ("." for a single run).</summary>
    [CsvColumn("run_dir")]
    public string RunDir { get; init; } = ".";

    [CsvColumn("bind_before_connect")]
    public bool BindBeforeConnect { get; init; }

    [CsvColumn("bind_address_no_port")]
    public bool BindAddressNoPort { get; init; }

    [CsvColumn("reuse_addr")]
    public bool ReuseAddr { get; init; }

    /// <summary>How many explicit source ports; null when the kernel chose them.</summary>
    [CsvColumn("source_ports")]
    public int? SourcePorts { get; init; }

    /// <summary>What the kernel's port rules allow before the first failure (Rules.PortRules); null when no rule applies.</summary>
    [CsvColumn("predicted_limit")]
    public long? PredictedLimit { get; init; }

    /// <summary>Worker processes that died before finishing (their connections are lost to the run).</summary>
    [CsvColumn("workers_lost")]
    public int WorkersLost { get; init; }

    /// <summary>net.ipv4.tcp_tw_reuse as read inside the run's namespace; null when it was not read.</summary>
    [CsvColumn("tw_reuse")]
    public int? TwReuse { get; init; }

    /// <summary>client.close of a churn (client-fin, client-rst, server-first); empty for a hold.</summary>
    [CsvColumn("close")]
    [CsvNullValues("")]
    public string? Close { get; init; }

    /// <summary>A churn's sustained rate: connections established in the last half of its duration, per second.</summary>
    [CsvColumn("churn_rate_per_s")]
    public double? ChurnRatePerS { get; init; }

    /// <summary>
    /// The TIME_WAIT rule's bound for a churn to one destination: range size / 60 s, the rate at
    /// which client TIME_WAITs give ports back (tcp_tw_reuse and RST close lift it).
    /// </summary>
    [CsvColumn("churn_rule_per_s")]
    public double? ChurnRulePerS { get; init; }

    /// <summary>Backends behind the run's HAProxy; null without proxy:.</summary>
    [CsvColumn("proxy_backends")]
    public int? ProxyBackends { get; init; }

    /// <summary>The proxy's upstream source: "none" (the kernel picks), an address or a range; empty without proxy:.</summary>
    [CsvColumn("proxy_source")]
    [CsvNullValues("")]
    public string? ProxySource { get; init; }

    /// <summary>HAProxy's connection errors (econ of its backend) at the end of the connect phase.</summary>
    [CsvColumn("proxy_conn_errors")]
    public long? ProxyConnErrors { get; init; }

    /// <summary>The most upstream connections HAProxy's backend held at once (its smax).</summary>
    [CsvColumn("proxy_max_current")]
    public long? ProxyMaxCurrent { get; init; }

    /// <summary>Connections established in all, including any that dropped later; null (and the column optional) in files written before it existed.</summary>
    [CsvColumn("established", Optional = true)]
    public long? Established { get; init; }

    /// <summary>p90 of connect latency, like <see cref="ConnectP50Us"/>; null (and the column optional) in files written before it existed.</summary>
    [CsvColumn("connect_p90_us", Optional = true)]
    public int? ConnectP90Us { get; init; }

    /// <summary>p99.9 of connect latency, like <see cref="ConnectP50Us"/>; null (and the column optional) in files written before it existed.</summary>
    [CsvColumn("connect_p999_us", Optional = true)]
    public int? ConnectP999Us { get; init; }

    /// <summary>
    /// The machine limit the run met (Rules.LimitLadder): memory (the memory floor stopped it), files
    /// (ENFILE, fs.file-max), descriptors (EMFILE, RLIMIT_NOFILE), ports (EADDRNOTAVAIL, EADDRINUSE);
    /// empty when it met none. Optional: files written before it existed lack it.
    /// </summary>
    [CsvColumn("limit_met", Optional = true)]
    [CsvNullValues("")]
    public string? LimitMet { get; init; }

    /// <summary>Connections open when the run met <see cref="LimitMet"/> (the memory floor: when MemAvailable fell below it).</summary>
    [CsvColumn("limit_met_at", Optional = true)]
    public long? LimitMetAt { get; init; }

    /// <summary>The available memory the run kept (its memory floor), bytes.</summary>
    [CsvColumn("memory_floor_bytes", Optional = true)]
    public long? MemoryFloorBytes { get; init; }

    /// <summary>MemAvailable at the start of the connect phase and the lowest seen while connecting (checked every 50 ms at most), bytes.</summary>
    [CsvColumn("mem_available_start_bytes", Optional = true)]
    public long? MemAvailableStartBytes { get; init; }

    [CsvColumn("mem_available_min_bytes", Optional = true)]
    public long? MemAvailableMinBytes { get; init; }

    /// <summary>Growth of the connection slab caches over the connect phase (system-wide), bytes; see Results.KernelMemory.</summary>
    [CsvColumn("kernel_slab_bytes", Optional = true)]
    public long? KernelSlabBytes { get; init; }

    /// <summary><see cref="KernelSlabBytes"/> per connection open at the end of the connect phase (both ends).</summary>
    [CsvColumn("kernel_bytes_per_conn", Optional = true)]
    public long? KernelBytesPerConn { get; init; }

    /// <summary>Growth of the TCP and TCPv6 slab caches' active objects over the connect phase (system-wide).</summary>
    [CsvColumn("kernel_tcp_objects", Optional = true)]
    public long? KernelTcpObjects { get; init; }

    /// <summary>Growth of the lab's TCP sockets in use (sockstat inuse, per namespace) over the connect phase.</summary>
    [CsvColumn("tcp_inuse", Optional = true)]
    public long? TcpInUse { get; init; }

    /// <summary>
    /// Growth of the TCP sockets allocated on the whole machine (sockstat alloc, every namespace) over the
    /// connect phase: equal to <see cref="TcpInUse"/> when nothing else on the host opened or closed TCP
    /// sockets meanwhile; the difference is other load, which the slab figures contain too.
    /// </summary>
    [CsvColumn("tcp_alloc", Optional = true)]
    public long? TcpAlloc { get; init; }

    /// <summary>TCP buffer pages of the whole machine at the end of the connect phase (sockstat mem, tcp_memory_allocated).</summary>
    [CsvColumn("tcp_mem_pages", Optional = true)]
    public long? TcpMemPages { get; init; }

    /// <summary>Growth of the anonymous resident memory (RssAnon) of ConnStorm's processes (parent, workers, sinks) over the connect phase, per connection open then.</summary>
    [CsvColumn("connstorm_growth_bytes_per_conn", Optional = true)]
    public long? ConnStormGrowthBytesPerConn { get; init; }
    /// ConnStorm's processes together (parent, workers, sinks) at the peak: the sum of their PSS
    /// (/proc/PID/smaps_rollup, shared pages counted once) in KiB, read when every worker's connect phase
    /// was over, before any let go of its connections. Kernel socket memory is not in it. Null (and the column
    /// optional) in files written before it existed.
    /// </summary>
    [CsvColumn("connstorm_pss_kb", Optional = true)]
    public long? ConnStormPssKb { get; init; }

    /// <summary>How many processes <see cref="ConnStormPssKb"/> sums.</summary>
    [CsvColumn("connstorm_processes", Optional = true)]
    public int? ConnStormProcesses { get; init; }

    /// <summary><see cref="ConnStormPssKb"/> in bytes per connection held at the peak (<see cref="MaxEstablished"/>), baselines included.</summary>
    [CsvColumn("connstorm_bytes_per_conn", Optional = true)]
    public long? ConnStormBytesPerConn { get; init; }

    /// <summary>The parent's (the runner's) part of <see cref="ConnStormPssKb"/>, KiB; the rest is workers and sinks.</summary>
    [CsvColumn("connstorm_parent_pss_kb", Optional = true)]
    public long? ConnStormParentPssKb { get; init; }
    /// <summary>Connections whose connect latency was split with TCP_INFO (one in 16); null in files written before it existed.</summary>
    [CsvColumn("tcp_info_samples", Optional = true)]
    public long? TcpInfoSamples { get; init; }

    /// <summary>p50 of the kernel's share of connect latency (sampled connections): inside bind()/connect(), then the handshake until the SYN-ACK came in.</summary>
    [CsvColumn("connect_kernel_p50_us", Optional = true)]
    public int? ConnectKernelP50Us { get; init; }

    [CsvColumn("connect_kernel_p99_us", Optional = true)]
    public int? ConnectKernelP99Us { get; init; }

    [CsvColumn("connect_kernel_max_us", Optional = true)]
    public int? ConnectKernelMaxUs { get; init; }

    /// <summary>p50 of ConnStorm's share of connect latency (sampled connections): the rest, until its loop noticed the handshake's end.</summary>
    [CsvColumn("connect_own_p50_us", Optional = true)]
    public int? ConnectOwnP50Us { get; init; }

    [CsvColumn("connect_own_p99_us", Optional = true)]
    public int? ConnectOwnP99Us { get; init; }

    [CsvColumn("connect_own_max_us", Optional = true)]
    public int? ConnectOwnMaxUs { get; init; }

    /// <summary>SYN retransmits over the sampled connections (tcpi_total_retrans): a dropped SYN costs a 1 s timeout or more.</summary>
    [CsvColumn("syn_retransmits", Optional = true)]
    public long? SynRetransmits { get; init; }
}
