using System.Globalization;
using ConnStorm.Results;
using ConnStorm.Rules;
using ConnStorm.Sockets;

namespace ConnStorm.Exporters;

/// <summary>The sentences and table cells that summary.md and report.html both say about runs, so the two never disagree.</summary>
public static class RunText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The headers of a sweep's runs table, in the order of <see cref="RunCells"/>.</summary>
    public static IReadOnlyList<string> RunHeaders { get; } =
        ["run", "variant", "port range", "targets", "source IPs", "held", "rule", "first failure", "seconds", "workers", "limit met", "kernel B/conn"];

    /// <summary>Which columns of the runs table hold numbers (right-aligned).</summary>
    public static IReadOnlyList<bool> RunNumeric { get; } = [true, false, false, true, true, true, true, false, true, true, false, true];

    /// <summary>One run's cells of a sweep's runs table (the run number plain; markdown makes it a link).</summary>
    public static IReadOnlyList<string> RunCells(RunRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        string range = row.PortRangeLo is { } lo ? string.Create(Inv, $"{lo}-{row.PortRangeHi} ({row.PortRangeSize:N0})") : "?";
        string failure = row.FirstFailureErrno is { Length: > 0 } e ? string.Create(Inv, $"{e} in {row.FirstFailurePhase} at {row.FirstFailureAt:N0} open") : "none";
        return
        [
            row.Run.ToString(Inv), row.Variant, range, row.Targets.ToString(Inv), row.SourceIps.ToString(Inv),
            row.MaxEstablished.ToString("N0", Inv), row.PredictedLimit is { } p ? p.ToString("N0", Inv) : "-",
            failure, row.Seconds.ToString("0.###", Inv), row.Workers.ToString(Inv),
            row.LimitMet is { } limit ? string.Create(Inv, $"{limit} at {row.LimitMetAt:N0}") : "-",
            row.KernelBytesPerConn is { } k ? k.ToString("N0", Inv) : "-",
        ];
    }

    /// <summary>What a run is called: its folder name in a sweep, "run N" in a single run.</summary>
    public static string RunId(RunRow run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var dir = run.RunDir.Replace('\\', '/').Trim().TrimEnd('/');
        return dir is "" or "." ? $"run {run.Run}" : dir[(dir.LastIndexOf('/') + 1)..];
    }

    /// <summary>The single run's table: label and value per line.</summary>
    public static IReadOnlyList<(string Label, string Value)> Facts(RunFacts run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var row = run.Row;
        var facts = new List<(string, string)>
        {
            ("Held at most", $"{row.MaxEstablished.ToString(Inv)} connections open at once"),
            ("Attempted", row.Attempted.ToString(Inv)),
            ("Established", run.Established.ToString(Inv)),
            ("Failures", row.Failures.ToString(Inv)),
            ("Where it stopped", StopSentence(run)),
            ("Duration", $"{row.Seconds.ToString("0.###", Inv)} s (first attempt to last connect outcome)"),
        };
        if (run.Hosts.Count > 0)
        {
            facts.Insert(0, ("Hosts", ClusterText.Sentence(run.Hosts)));
        }
        if (ChurnSentence(row) is { } churn)
        {
            facts.Add(("Churn", churn));
        }
        if (Memory(row, run.Manifest.WorkerBuild) is { } memory)
        {
            facts.Add(("ConnStorm's memory", memory));
        }
        if (row.FdCapped)
        {
            facts.Add(("Descriptor cap", $"RLIMIT_NOFILE ({row.RlimitNofile.ToString(Inv)}) was reached: EMFILE; the network limit was not measured"));
        }
        return facts;
    }

    /// <summary>
    /// "64 MiB at the peak, 669 bytes per held connection: PSS summed over 8 processes (…)"; null for rows
    /// written before the figure existed.
    /// </summary>
    public static string? Memory(RunRow row, string? workerBuild)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.ConnStormPssKb is not { } kb)
        {
            return null;
        }
        string perConnection = row.ConnStormBytesPerConn is { } b ? string.Create(Inv, $", {b:N0} bytes per held connection") : "";
        string build = workerBuild switch
        {
            "aot" => "; workers and sinks ran the NativeAOT connstorm-worker",
            "jit" => "; workers and sinks ran connstorm itself (JIT): the NativeAOT connstorm-worker was not next to it",
            _ => "",
        };
        return string.Create(Inv,
            $"{kb / 1024.0:0.#} MiB at the peak{perConnection}: PSS (shared pages counted once) summed over its {row.ConnStormProcesses} processes (this run's parent, workers and sinks), read when every worker had ended its connect phase and still held its connections{build}. The kernel's memory for the sockets is not in it.");
    }

    /// <summary>"stopped at 28231 open connections: first failure EADDRNOTAVAIL in connect() after 1.42 s".</summary>
    public static string StopSentence(RunFacts run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var first = run.Failures.First;
        if (run.Row.LimitMet == "memory")
        {
            return MemoryFloorSentence(run.Row);
        }
        if (first is null)
        {
            // Before any failure nothing dropped either (a drop is a failure): all established are open.
            return run.Row.Interrupted
                ? $"interrupted with {run.Established.ToString(Inv)} open connections, before any failure"
                : $"no failure: {run.Established.ToString(Inv)} of {run.Row.Attempted.ToString(Inv)} attempts established";
        }
        var seconds = (first.TMs / 1000.0).ToString("0.###", Inv);
        var interrupted = run.Row.Interrupted ? " (interrupted)" : "";
        // On a cluster a failure row holds its own host's open count; runs.csv holds the fleet's.
        var open = run.Hosts.Count > 0 && run.Row.FirstFailureAt is { } fleet ? fleet : first.OpenAtFailure;
        var where = run.Hosts.Count > 0 ? " (all hosts)" : "";
        return $"stopped at {open.ToString(Inv)} open connections{where}: first failure {first.ErrnoName} in {PhaseText(first.Phase)} after {seconds} s{interrupted}";
    }

    /// <summary>"stopped by the memory floor: MemAvailable 2.1 GiB &lt; floor 2.4 GiB at 2,950,000 open".</summary>
    public static string MemoryFloorSentence(RunRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        string available = row.MemAvailableMinBytes is { } m ? MemoryFloor.Size(m) : "?";
        string floor = row.MemoryFloorBytes is { } f ? MemoryFloor.Size(f) : "?";
        return string.Create(Inv, $"stopped by the memory floor: available {available} < floor {floor} at {row.LimitMetAt ?? row.MaxEstablished:N0} open");
    }

    /// <summary>
    /// The ladder of limits this host had for the run (Rules.LimitLadder over the manifest's facts, with
    /// the bytes per connection this run measured), the lowest marked, and which one the run met.
    /// Empty for runs recorded before the manifest held the facts.
    /// </summary>
    public static IReadOnlyList<string> Limits(RunFacts run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Manifest.Limits is not { } facts)
        {
            return [];
        }
        var row = run.Row;
        long? perConn = row.KernelBytesPerConn is { } k ? k + (row.ConnStormGrowthBytesPerConn ?? 0) : null;
        var limits = perConn is { } b ? facts with { BytesPerConnection = b, BytesPerConnectionSource = "measured in this run: kernel slab + ConnStorm's growth" } : facts;
        var ports = row.PredictedLimit is not null && row.PortRangeSize is not null ? PortRules.Predict(row.Shape()) : null;
        var ladder = LimitLadder.Of(limits, ports);
        var lowest = LimitLadder.Lowest(ladder);
        var lines = new List<string>();
        foreach (var rung in ladder)
        {
            string allows = rung.Connections is { } c ? c.ToString("N0", Inv) + " connections" : "no limit known";
            string mark = ReferenceEquals(rung, lowest) ? " **(lowest)**" : "";
            string met = row.LimitMet is { } name && RunRowBuilder.LimitName(rung.Kind) == name ? " **(met by this run)**" : "";
            lines.Add($"{Capital(rung.Name)}: {allows}{mark}{met}: {rung.How}");
        }
        lines.Add(row.LimitMet switch
        {
            "memory" => MemoryFloorSentence(row) + ".",
            { } name => string.Create(Inv, $"This run met the {name} limit at {row.LimitMetAt:N0} open ({row.FirstFailureErrno})."),
            _ => "This run met none of them: it ended at its own count, time limit or stop condition.",
        });
        string floorSize = row.MemoryFloorBytes is { } f ? MemoryFloor.Size(f) : "?";
        lines.Add($"Memory floor: {floorSize}{(facts.MemoryFloor is { } how && how != floorSize ? $" ({how})" : "")}; available {Size(row.MemAvailableStartBytes)} when connecting began, lowest {Size(row.MemAvailableMinBytes)} while connecting (checked every 10 ms; available = {Platform.MemInfo.AvailableName}, since a held socket's inode and dentry are reclaimable slab nothing can free while it is open).");
        return lines;
    }

    /// <summary>The kernel memory lines: per connection, what it includes and what it cannot see. Empty when not measured.</summary>
    public static IReadOnlyList<string> KernelMemoryLines(RunRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.KernelSlabBytes is not { } slab)
        {
            return [];
        }
        return
        [
            string.Create(Inv, $"Kernel slab growth over the connect phase: {MemoryFloor.Size(slab)}, {row.KernelBytesPerConn:N0} bytes per open connection (both ends on this host)."),
            string.Create(Inv, $"TCP sockets: the TCP slab grew by {row.KernelTcpObjects:N0} objects; the lab's sockstat counts {row.TcpInUse?.ToString("N0", Inv) ?? "?"} more sockets in use (a second path, per namespace). TCP buffer pages of the whole machine at the end of the connect phase (sockstat mem): {row.TcpMemPages?.ToString("N0", Inv) ?? "?"}."),
            row.TcpAlloc is { } alloc && row.TcpInUse is { } inUse
                ? alloc == inUse
                    ? string.Create(Inv, $"Other load: none seen; the machine's TCP sockets (sockstat alloc, every namespace) grew by {alloc:N0}, exactly the lab's.")
                    : string.Create(Inv, $"Other load: the machine's TCP sockets (sockstat alloc, every namespace) grew by {alloc:N0} against the lab's {inUse:N0}: the difference ({alloc - inUse:+#,0;-#,0}) is other sockets on this host, and the slab figures hold it too.")
                : "Other load: not measured (sockstat alloc unread).",
            string.Create(Inv, $"ConnStorm's processes grew by {row.ConnStormGrowthBytesPerConn?.ToString("N0", Inv) ?? "?"} bytes of anonymous resident memory (RssAnon) per connection over the same phase."),
            "What it includes: " + KernelMemory.Scope,
        ];
    }

    private static string Size(long? bytes) => bytes is { } b ? MemoryFloor.Size(b) : "?";

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>"client-fin, tcp_tw_reuse 0: 0.5 connections/s sustained (last half of the run); TIME_WAIT rule: 50 ports / 60 s = 0.83/s".</summary>
    public static string? ChurnSentence(RunRow run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.ChurnRatePerS is not { } rate)
        {
            return null;
        }
        var tw = run.TwReuse is { } w ? $", tcp_tw_reuse {w.ToString(Inv)}" : "";
        var rule = run.ChurnRulePerS is { } r && run.PortRangeSize is { } size
            ? $"; TIME_WAIT rule: {size.ToString(Inv)} ports / 60 s = {r.ToString("0.##", Inv)}/s"
            : "";
        return $"{run.Close}{tw}: {rate.ToString("0.##", Inv)} connections/s sustained (last half of the run){rule}";
    }

    /// <summary>errno name, count and meaning, the most frequent first.</summary>
    public static IReadOnlyList<(string Errno, long Count, string Meaning)> FailuresByErrno(FailureTally tally)
    {
        ArgumentNullException.ThrowIfNull(tally);
        return [.. tally.ByErrno.OrderByDescending(e => e.Value).ThenBy(e => e.Key).Select(e => (Errno.Name(e.Key), e.Value, Errno.Meaning(e.Key)))];
    }

    /// <summary>"p50 200 µs, p90 …, max …"; null when nothing was established. p90 and p99.9 are left out for rows written before they existed.</summary>
    public static string? Latency(RunRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.ConnectP50Us is null)
        {
            return null;
        }
        var p90 = row.ConnectP90Us is { } a ? string.Create(Inv, $", p90 {a} µs") : "";
        var p999 = row.ConnectP999Us is { } b ? string.Create(Inv, $", p99.9 {b} µs") : "";
        var how = row.ConnectP90Us is null ? "nearest rank" : "HdrHistogram, 3 significant digits";
        return string.Create(Inv, $"p50 {row.ConnectP50Us} µs{p90}, p99 {row.ConnectP99Us} µs{p999}, max {row.ConnectMaxUs} µs ({how}, connect() to established).");
    }

    /// <summary>
    /// Where the connect latency went, from the connections sampled with TCP_INFO; null for rows
    /// without the split (no sample, or written before it existed).
    /// </summary>
    public static string? LatencySplit(RunRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.TcpInfoSamples is not { } n || n == 0)
        {
            return null;
        }
        var retrans = row.SynRetransmits is { } r && r > 0 ? string.Create(Inv, $"; {r} SYN retransmit(s) among them") : "";
        var kernel = string.Create(Inv, $"p50 {row.ConnectKernelP50Us} µs, p99 {row.ConnectKernelP99Us} µs, max {row.ConnectKernelMaxUs} µs");
        var own = string.Create(Inv, $"p50 {row.ConnectOwnP50Us} µs, p99 {row.ConnectOwnP99Us} µs, max {row.ConnectOwnMaxUs} µs");
        return string.Create(Inv, $"Where it went, from {n} sampled connections (one in 16, TCP_INFO): ") +
            $"the kernel's share (inside bind()/connect(), then the handshake until the SYN-ACK came in) {kernel}; " +
            $"ConnStorm's share (socket() before, and the wait until its event loop noticed the handshake's end) {own}{retrans}. " +
            "Each share's percentiles are its own; they need not add up to the total's.";
    }

    /// <summary>The single run's environment lines.</summary>
    public static IReadOnlyList<string> Environment(RunFacts run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var m = run.Manifest;
        var row = run.Row;
        string range = row.PortRangeLo is { } lo && row.PortRangeHi is { } hi
            ? string.Create(Inv, $"Port range: {lo}-{hi} ({row.PortRangeSize} ports)")
            : m.Sysctls.TryGetValue("net.ipv4.ip_local_port_range", out var r)
                ? $"Port range: {r.Replace('\t', '-').Replace(' ', '-')} (net.ipv4.ip_local_port_range)"
                : "Port range: not recorded";
        return
        [
            string.Create(Inv, $"Kernel: {m.KernelRelease} on {m.Hostname} ({m.Cores} cores)"),
            range,
            $"Network namespace: {m.Namespace ?? "the current one (no lab)"}",
            string.Create(Inv, $"RLIMIT_NOFILE: {row.RlimitNofile}; workers: {row.Workers}"),
            string.Create(Inv, $"Started {m.StartedUtc.ToString("u", Inv)}, ended {m.EndedUtc?.ToString("u", Inv) ?? "(not finished)"}; exit code {m.ExitCode}"),
        ];
    }

    private static string PhaseText(FailurePhase phase) => phase switch
    {
        FailurePhase.Socket => "socket()",
        FailurePhase.SetSockOpt => "setsockopt()",
        FailurePhase.Bind => "bind()",
        FailurePhase.Connect => "connect()",
        FailurePhase.Timeout => "connect() (no answer within connect_timeout)",
        FailurePhase.Verify => "the echo check (the payload did not come back whole)",
        FailurePhase.Hold => "a held connection during the hold (it dropped)",
        _ => "a held connection (it dropped)",
    };
}
