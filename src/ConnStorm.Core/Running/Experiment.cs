using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using System.Threading.Channels;
using ConnStorm.Engine;
using ConnStorm.Lab;
using ConnStorm.Proxy;
using ConnStorm.Scenarios;
using ConnStorm.Errors;
using ConnStorm.Platform;

namespace ConnStorm.Running;

/// <summary>
/// The processes of one run: the optional lab namespace, the embedded sink and the
/// worker processes inside it. Dispose stops them all and deletes the namespace, on
/// every path out (normal end, error, Ctrl-C).
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class Experiment : IDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    private readonly List<ChildProcess> _workers = [];
    private readonly List<ChildProcess> _sinks = [];

    public LabNamespace? Lab { get; private set; }
    /// <summary>HAProxy between the workers and the sink, when the scenario has proxy:.</summary>
    public HaproxyProcess? Proxy { get; private set; }
    public Channel<(ChildProcess From, string? Line)> Lines { get; } = Channel.CreateUnbounded<(ChildProcess, string?)>(
        new UnboundedChannelOptions { SingleReader = true });
    public IReadOnlyList<ChildProcess> Workers => _workers;
    public int SinkProcesses => _sinks.Count;
    public Dictionary<string, string> Sysctls { get; } = new(StringComparer.Ordinal);
    public (ulong Soft, ulong Hard, ulong Raised) WorkerLimit { get; private set; }
    /// <summary>Workers that begin connecting at the go; the others (index at or above it) wait for a turn. 0: all.</summary>
    public int ConnectingAtOnce { get; private init; }

    /// <summary>Tells <paramref name="worker"/>, waiting for its turn, to begin its attempts.</summary>
    public void GiveTurn(ChildProcess worker) => worker.Send(WorkerProtocol.Turn);

    /// <summary>Workers' resident memory (KiB, summed) once ready, before the first attempt.</summary>
    public long WorkerRssReadyKb { get; private set; }

    /// <summary>
    /// Starts the lab, <paramref name="sinks"/> sink processes, HAProxy when the scenario has proxy:
    /// (its files go to <paramref name="dir"/>) and <paramref name="workers"/> worker processes, each
    /// capped at <paramref name="fdCap"/> descriptors when given.
    /// </summary>
    public static Experiment Start(Scenario s, int workers, int sinks, ulong? fdCap, CancellationToken ct, string? dir = null, int connectingAtOnce = 0)
    {
        var e = new Experiment { ConnectingAtOnce = connectingAtOnce };
        try
        {
            if (s.Lab is not null)
            {
                e.Lab = LabNamespace.Create(s.Lab.Sysctl);
            }
            for (int i = 0; s.Sink is not null && i < sinks; i++)
            {
                e.StartSink(s.Sink, i, reusePort: s.Sink.ReusePort || sinks > 1, fdCap, CloseAfter(s), ct);
            }
            if (s.Proxy is not null)
            {
                // After the sink (its backends) and before the workers (its clients).
                e.Proxy = HaproxyProcess.Start(s.Proxy, dir ?? Directory.GetCurrentDirectory(), e.Lab, ct);
            }
            for (int w = 0; w < workers; w++)
            {
                e.StartWorker(WorkerPlan.For(s, w, workers, connectingAtOnce) with { FdLimit = (long)(fdCap ?? 0) }, ct);
            }
            return e;
        }
        catch
        {
            e.Dispose();
            throw;
        }
    }

    /// <summary>Which binary ran the workers and sinks: "aot" (connstorm-worker) or "jit" (connstorm itself).</summary>
    public string WorkerBuild { get; } = SelfCommand.WorkerBuild;

    private ProcessStartInfo Inside(IEnumerable<string> args)
    {
        var self = WorkerBuild == SelfCommand.AotBuild ? SelfCommand.Worker(args) : SelfCommand.StartInfo(args);
        var psi = Lab is null ? self : Lab.StartInfo(self.FileName, self.ArgumentList);
        // A JIT worker's or sink's connect phase lasts well under a second per 20,000 connections: with
        // tiered compilation its loop would run most of it as unoptimized tier-0 code (methods are
        // promoted only after 100 ms without new tier-0 compiles). Measured on the 19k benchmark
        // (2 cores, alternating runs): about 1.5 times the connect rate with it off. The cost is a
        // slower start (every method fully optimized on its first call), paid before the go.
        // The NativeAOT worker is compiled ahead of time and ignores it.
        psi.Environment["DOTNET_TieredCompilation"] = "0";
        return psi;
    }

    /// <summary>
    /// close: server-first makes the sink close first, after echoing the payload when the client
    /// verifies; null keeps the sink's own mode.
    /// </summary>
    private static int? CloseAfter(Scenario s) => s.Client.Close != CloseMode.ServerFirst ? null
        : s.Client.Verify == VerifyMode.Echo ? s.Client.PayloadBytes : 0;

    private void StartSink(SinkSpec sink, int index, bool reusePort, ulong? fdCap, int? closeAfter, CancellationToken ct)
    {
        var args = new List<string> { "sink", "--exit-on-stdin-eof", "--backlog", sink.Backlog.ToString(CultureInfo.InvariantCulture),
            "--mode", closeAfter is not null ? "close" : sink.Mode switch { SinkMode.Echo => "echo", SinkMode.NoAccept => "no-accept", _ => "hold" } };
        if (closeAfter is { } bytes)
        {
            args.Add("--close-after");
            args.Add(bytes.ToString(CultureInfo.InvariantCulture));
        }
        foreach (var ep in sink.Listen)
        {
            args.Add("--listen");
            args.Add(Sockets.SockAddr.Format(ep.Address, ep.Port));
        }
        if (reusePort)
        {
            args.Add("--reuseport");
        }
        if (fdCap is { } cap)
        {
            args.Add("--max-fds");
            args.Add(cap.ToString(CultureInfo.InvariantCulture));
        }
        var lines = Channel.CreateUnbounded<(ChildProcess, string?)>();
        var sinkProcess = ChildProcess.Start($"sink-{index}", Inside(args), lines);
        _sinks.Add(sinkProcess);
        string? line = WaitForLine(lines, sinkProcess, l => l.StartsWith("connstorm sink: listening", StringComparison.Ordinal), ct);
        if (line is null)
        {
            throw new ExperimentException($"the embedded sink did not start: {Describe(sinkProcess)}");
        }
        // Keep draining the sink's stdout so it can never block on a full pipe.
        _ = Task.Run(async () => { await foreach (var _ in lines.Reader.ReadAllAsync(CancellationToken.None)) { } }, CancellationToken.None);
    }

    private void StartWorker(WorkerPlan plan, CancellationToken ct)
    {
        var private_ = Channel.CreateUnbounded<(ChildProcess, string?)>();
        var worker = ChildProcess.Start($"worker-{plan.WorkerIndex}", Inside(["worker"]), private_);
        _workers.Add(worker);
        worker.Send(plan.ToJson());
        string? ready = WaitForLine(private_, worker, l =>
        {
            if (l.Length > 2 && l[0] == WorkerProtocol.Sysctl)
            {
                var parts = l.Split(' ', 3);
                Sysctls[parts[1]] = parts.Length > 2 ? parts[2] : "";
            }
            else if (l.Length > 2 && l[0] == WorkerProtocol.Memory)
            {
                WorkerRssReadyKb += long.Parse(l.Split(' ')[2], CultureInfo.InvariantCulture);
            }
            return l.Length > 0 && (l[0] == WorkerProtocol.Ready || l[0] == WorkerProtocol.Error);
        }, ct);
        if (ready is null || ready[0] == WorkerProtocol.Error)
        {
            throw new ExperimentException($"worker {plan.WorkerIndex} did not start: {ready?[2..] ?? Describe(worker)}");
        }
        var f = ready.Split(' ');
        WorkerLimit = (ulong.Parse(f[1], CultureInfo.InvariantCulture), ulong.Parse(f[2], CultureInfo.InvariantCulture), ulong.Parse(f[3], CultureInfo.InvariantCulture));
        // From here on its lines join the run's merged stream.
        worker.RedirectTo(Lines);
    }

    private static string? WaitForLine(Channel<(ChildProcess, string?)> lines, ChildProcess child, Func<string, bool> match, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ReadyTimeout);
        try
        {
            while (true)
            {
                var (_, line) = lines.Reader.ReadAsync(timeout.Token).AsTask().GetAwaiter().GetResult();
                if (line is null)
                {
                    child.WaitForExit(TimeSpan.FromSeconds(2));
                    return null;
                }
                if (match(line))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private static string Describe(ChildProcess child)
    {
        string err = child.StandardError;
        string code = child.ExitCode is { } c ? $"exit code {c}" : "no answer in time";
        return err.Length > 0 ? $"{code}: {err}" : code;
    }

    /// <summary>
    /// Peak resident memory (VmHWM, KiB) of every ConnStorm process of this run: this one, the
    /// workers and the sinks, read before they are stopped. A sum of each one's peak, so an upper
    /// bound of the moment all were largest together.
    /// </summary>
    public (long TotalKb, int Processes) PeakMemoryKb(long workerPeakKb, int workersReporting)
    {
        // Workers report their own peak as they end (they may be gone by now); sinks live until Dispose.
        long total = ProcStatus.PeakKb(Environment.ProcessId) + workerPeakKb;
        int count = 1 + workersReporting;
        foreach (var child in _sinks)
        {
            if (!child.HasExited)
            {
                total += ProcStatus.PeakKb(child.Pid);
                count++;
            }
        }
        return (total, count);
    }

    /// <summary>Resident memory (VmRSS, KiB) of every ConnStorm process of this run now: this one, the workers, the sinks.</summary>
    public long RssKb() => Sum(ProcStatus.RssKb);

    /// <summary>
    /// Anonymous resident memory (RssAnon, KiB) of the same processes: what grows with the connections. Measured at
    /// 3,020,815 connections: VmRSS fell over the connect phase, since the kernel, short of memory, reclaimed the
    /// binary's file-backed pages from every process.
    /// </summary>
    public long AnonKb() => Sum(ProcStatus.AnonKb);

    private long Sum(Func<int, long> kb)
    {
        long total = kb(Environment.ProcessId);
        foreach (var child in _workers.Concat(_sinks))
        {
            total += child.HasExited ? 0 : kb(child.Pid);
        }
        return total;
    }

    /// <summary>The lab's TCP line of sockstat (read through the first worker, which lives in the lab); null without a live worker.</summary>
    public TcpSockStat? LabSockStat() =>
        _workers.FirstOrDefault(w => !w.HasExited) is { } w ? TcpSockStat.Read(w.Pid) : null;

    /// <summary>
    /// ConnStorm's memory now: the sum of PSS over this process and every live worker and sink of the run
    /// (KiB), and how many processes it counts. Shared pages (the binary, the runtime) count once in all.
    /// </summary>
    public (long TotalKb, int Processes, long ParentKb) PssKb()
    {
        long parent = ProcessMemory.PssKb(Environment.ProcessId) ?? 0;
        var (children, count) = ProcessMemory.SumPssKb(_workers.Concat(_sinks).Where(c => !c.HasExited).Select(c => c.Pid));
        return (parent + children, count + 1, parent);
    }

    /// <summary>The first sink process that has ended, described (exit code, stderr); null while all serve.</summary>
    public string? EndedSink() => _sinks.FirstOrDefault(s => s.HasExited) is { } ended ? $"{ended.Name}: {Describe(ended)}" : null;

    /// <summary>Tells every worker to stop making attempts (they report and finish).</summary>
    public void StopWorkers()
    {
        foreach (var w in _workers)
        {
            w.Send(WorkerProtocol.Stop);
        }
    }

    /// <summary>Every worker has ended its connect phase: they may begin their hold (and close after it).</summary>
    public void ReleaseWorkers()
    {
        foreach (var w in _workers)
        {
            w.Send(WorkerProtocol.AllConnected);
        }
    }

    public void Go(long t0Ticks)
    {
        foreach (var w in _workers)
        {
            w.Send(string.Create(CultureInfo.InvariantCulture, $"{WorkerProtocol.Go} {t0Ticks}"));
        }
    }

    public void Dispose()
    {
        foreach (var w in _workers)
        {
            w.Stop(TimeSpan.FromSeconds(5));
            w.Dispose();
        }
        Proxy?.Dispose();
        foreach (var sink in _sinks)
        {
            sink.Stop(TimeSpan.FromSeconds(3));
            sink.Dispose();
        }
        Lab?.Dispose();
    }
}

