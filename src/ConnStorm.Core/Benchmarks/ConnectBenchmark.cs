using System.Globalization;
using System.Net;
using System.Runtime.Versioning;
using ConnStorm.Running;
using ConnStorm.Scenarios;

namespace ConnStorm.Benchmarks;

/// <summary>
/// Opens N loopback connections in a lab against the embedded sink, with ConnStorm and
/// (when built) with the C yardstick, in alternating rounds; prints connections per
/// second, the ratio to the yardstick, and ConnStorm's worker memory per held connection.
/// Two sizes: <c>connections</c> (19,000 by default: one rawconnect process against ConnStorm
/// with its default workers) and <c>atScale</c> (100,000: as many rawconnect processes,
/// at once, as ConnStorm used workers). Both spread over <see cref="Ips"/> × <see cref="Ports"/>
/// destinations (127.0.0.1-127.0.0.4 × 9000-9003) against a sink on 0.0.0.0:9000-9003.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class ConnectBenchmark(int connections, int rounds, int window, string? rawconnect, int large, TextWriter output, int atScale = 0)
{
    public const int Ips = 4, Ports = 4, FirstPort = 9000;

    /// <summary>Runs the rounds and the large run; <paramref name="ct"/> (SIGINT, SIGTERM, SIGHUP) ends the round going on and the benchmark.</summary>
    public int Run(CancellationToken ct)
    {
        output.WriteLine(rawconnect is null
            ? "yardstick: ../shared/bench/bin/rawconnect not found (build it with ../shared/bench/build.sh); ConnStorm figures only"
            : $"yardstick: {rawconnect}");
        int code = Rounds("", connections, yardstickPerWorker: false, ct);
        if (code != 0 || ct.IsCancellationRequested)
        {
            return ct.IsCancellationRequested ? Errors.ExitCodes.Interrupted : code;
        }
        if (atScale > 0)
        {
            code = Rounds("scale_", atScale, yardstickPerWorker: true, ct);
            if (code != 0 || ct.IsCancellationRequested)
            {
                return ct.IsCancellationRequested ? Errors.ExitCodes.Interrupted : code;
            }
        }
        return large > 0 ? RunLarge(ct) : 0;
    }

    /// <summary>The benchmark's lab: <paramref name="n"/> connections over 4 addresses × 4 ports, the sink accepting on all of them.</summary>
    internal static Scenario Spread(string name, int n, int window) => new()
    {
        Name = name,
        Description = $"benchmark: {n} loopback connections held in a lab",
        Lab = new LabSpec(),
        Sink = new SinkSpec { Listen = [.. Enumerable.Range(FirstPort, Ports).Select(p => new IPEndPoint(IPAddress.Any, p))] },
        Targets = [.. Enumerable.Range(1, Ips).SelectMany(a => Enumerable.Range(FirstPort, Ports)
            .Select(p => new IPEndPoint(new IPAddress([127, 0, 0, (byte)a]), p)))],
        Load = new LoadSpec { Connections = n, Concurrency = window },
    };

    /// <summary>
    /// Alternating rounds at one size. ConnStorm runs with its defaults (workers: two per core, or
    /// more when RLIMIT_NOFILE requires); its rate is runs.csv's: connections held over
    /// <c>seconds</c>, the first attempt to the last outcome. The yardstick meets as many sink
    /// processes, and with <paramref name="yardstickPerWorker"/> runs as many processes as ConnStorm had workers.
    /// </summary>
    private int Rounds(string prefix, int n, bool yardstickPerWorker, CancellationToken ct)
    {
        var scenario = Spread(prefix.Length == 0 ? "bench-connect" : "bench-scale", n, window);
        output.WriteLine($"benchmark: {n} connections to 127.0.0.1-127.0.0.{Ips}:{FirstPort}-{FirstPort + Ports - 1} in a lab, sink accepting on 0.0.0.0, window {window}, {rounds} round(s)");
        var ours = new List<double>();
        var theirs = new List<double>();
        var bytesPerConn = new List<double>();
        int processes = 1;
        string scratch = Directory.CreateTempSubdirectory("connstorm-bench-").FullName;
        try
        {
            for (int round = 1; round <= rounds; round++)
            {
                Settle(ct);
                var outcome = new ScenarioRunner(scenario, new RunOptions { OutDir = Path.Combine(scratch, $"round-{round}"), SkipFitCheck = true }, TextWriter.Null)
                    .Run(ct);
                if (outcome.Row is not { } row || outcome.ExitCode != 0)
                {
                    output.WriteLine(outcome.ExitCode == Errors.ExitCodes.Interrupted ? $"round {round}: interrupted" : $"round {round}: ConnStorm could not run: {outcome.Error}");
                    return outcome.ExitCode == 0 ? 1 : outcome.ExitCode;
                }
                double rate = row.Seconds > 0 ? row.MaxEstablished / row.Seconds : 0;
                double perConn = row.MaxEstablished > 0
                    ? Math.Max(0, outcome.WorkerRssConnectedKb - outcome.WorkerRssReadyKb) * 1024.0 / row.MaxEstablished : 0;
                ours.Add(rate);
                bytesPerConn.Add(perConn);
                processes = yardstickPerWorker ? row.Workers : 1;
                string line = string.Create(CultureInfo.InvariantCulture,
                    $"round {round}: connstorm {row.MaxEstablished} held in {row.Seconds:0.000} s = {rate:0} conn/s ({row.Workers} worker(s)), worker RSS {outcome.WorkerRssReadyKb} -> {outcome.WorkerRssConnectedKb} KiB = {perConn:0} B/conn");
                if (rawconnect is not null && !ct.IsCancellationRequested)
                {
                    // The sink is ConnStorm's own. One rawconnect process meets one sink process, its best case on
                    // 2 cores (one core each; measured: 4 sink processes cost it a tenth or more); as many processes
                    // meet as many sink processes as ConnStorm's run had. The window is shared as ConnStorm shares
                    // load.concurrency among its workers.
                    Settle(ct);
                    var y = Yardstick.Run(rawconnect, scenario, Math.Max(1, window / processes), Ips, Ports, processes,
                        sinks: yardstickPerWorker ? row.Workers : 1);
                    theirs.Add(y.RatePerSecond);
                    line += string.Create(CultureInfo.InvariantCulture,
                        $"; rawconnect x{processes} {y.Established} in {y.Seconds:0.000} s = {y.RatePerSecond:0} conn/s; ratio {rate / y.RatePerSecond:0.00}");
                }
                output.WriteLine(line);
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }

        var inv = CultureInfo.InvariantCulture;
        double medianOurs = Median(ours);
        output.WriteLine(string.Create(inv, $"{prefix}connstorm_rate_per_s={medianOurs:0}"));
        output.WriteLine(string.Create(inv, $"{prefix}connstorm_bytes_per_held_connection={Median(bytesPerConn):0}  (target <= 1024)"));
        if (theirs.Count > 0)
        {
            double medianTheirs = Median(theirs);
            string target = yardstickPerWorker ? $"target >= 1.00 against {processes} rawconnect process(es) at once" : "target >= 1.20 against one rawconnect process";
            output.WriteLine(string.Create(inv, $"{prefix}rawconnect_processes={processes}"));
            output.WriteLine(string.Create(inv, $"{prefix}rawconnect_rate_per_s={medianTheirs:0}"));
            output.WriteLine(string.Create(inv, $"{prefix}ratio_connstorm_to_rawconnect={medianOurs / medianTheirs:0.00}  ({target}; medians of {rounds} rounds)"));
        }
        return 0;
    }

    /// <summary>TCP and TIME_WAIT sockets on the whole machine when the benchmark began (slab caches' active objects).</summary>
    private long? _baselineSockets;

    /// <summary>
    /// Waits (at most 20 s) until the sockets of the round before are gone: a lab's teardown goes on in the
    /// kernel after its processes have ended (the namespace's TIME_WAIT and closing sockets are freed by a
    /// kernel worker), and a round started meanwhile would share the cores with it. Both connectors wait
    /// the same way before each of their rounds, so neither pays for the other's cleanup.
    /// </summary>
    private void Settle(CancellationToken ct)
    {
        static long? Sockets()
        {
            var slabs = Platform.SlabInfo.ReadFlushed(["TCP", "tw_sock_TCP"]);
            return slabs is null ? null : slabs.Values.Sum(c => c.ActiveObjects);
        }
        _baselineSockets ??= Sockets();
        if (_baselineSockets is not { } baseline)
        {
            return;
        }
        var end = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!ct.IsCancellationRequested && DateTime.UtcNow < end && Sockets() is { } now && now > baseline + 500)
        {
            Thread.Sleep(100);
        }
        // The kernel worker's last frees and the previous processes' exits.
        Thread.Sleep(200);
    }

    /// <summary>
    /// One run of <c>large</c> connections (bench --large, 2,000,000 by default) split over worker processes
    /// (the descriptor limit allows each about 20,000 here). The yardstick is one process and cannot follow,
    /// so only ConnStorm's own figures are printed.
    /// </summary>
    private int RunLarge(CancellationToken ct)
    {
        // From one source IP, connect() gives each destination at most the range's 64,512 ports, and only the
        // even half (32,256) is the fast part of its search: enough destinations that the even half holds them all.
        int destinations = Math.Max(6, (int)Math.Ceiling(large / 32_000.0));
        var targets = Enumerable.Range(9000, destinations).Select(p => new IPEndPoint(IPAddress.Loopback, p)).ToList();
        var scenario = new Scenario
        {
            Name = "bench-large",
            Description = $"benchmark: {large} connections held at once through worker processes",
            Lab = new LabSpec
            {
                Sysctl = new Dictionary<string, string>
                {
                    ["net.ipv4.ip_local_port_range"] = "1024 65535",
                    ["net.core.somaxconn"] = "1000000",
                    ["net.ipv4.tcp_max_syn_backlog"] = "1000000",
                },
            },
            // No-accept: the sink holds them in its accept queues without a descriptor each.
            Sink = new SinkSpec { Listen = targets, Mode = SinkMode.NoAccept, Backlog = 1_000_000 },
            Targets = targets,
            Load = new LoadSpec { Connections = large, Concurrency = window },
        };
        output.WriteLine($"large run: {large} connections to {destinations} destinations from one source IP, split over worker processes");
        string scratch = Directory.CreateTempSubdirectory("connstorm-bench-large-").FullName;
        try
        {
            var outcome = new ScenarioRunner(scenario, new RunOptions { OutDir = scratch, SkipFitCheck = true }, TextWriter.Null).Run(ct);
            if (outcome.Row is not { } row || outcome.ExitCode != 0)
            {
                output.WriteLine($"large run could not run: {outcome.Error}");
                return outcome.ExitCode == 0 ? 1 : outcome.ExitCode;
            }
            double rate = row.Seconds > 0 ? row.MaxEstablished / row.Seconds : 0;
            var inv = CultureInfo.InvariantCulture;
            long held = Math.Max(1, row.MaxEstablished);
            output.WriteLine(string.Create(inv, $"large_held={row.MaxEstablished} workers={row.Workers} first_failure={row.FirstFailureErrno ?? "none"} worker_build={outcome.WorkerBuild ?? "?"}"));
            output.WriteLine(string.Create(inv, $"large_rate_per_s={rate:0}  (first attempt to last connect outcome, {row.Seconds:0.000} s)"));
            output.WriteLine(string.Create(inv, $"large_wall_seconds={outcome.WallSeconds:0.0}  (lab, sink and workers started, connections opened, before teardown)"));
            if (row.ConnStormPssKb is { } pss)
            {
                output.WriteLine(string.Create(inv, $"large_connstorm_pss_mib={pss / 1024.0:0}  (PSS summed over {row.ConnStormProcesses} ConnStorm processes at the peak: parent, workers, sink)"));
                output.WriteLine(string.Create(inv, $"large_connstorm_bytes_per_connection={pss * 1024.0 / held:0}  (that sum / connections held; target <= 512)"));
                if (row.ConnStormParentPssKb is { } parent)
                {
                    output.WriteLine(string.Create(inv, $"large_parent_pss_mib={parent / 1024.0:0}  ({parent * 1024.0 / held:0} B per connection; the rest is workers and sink: {(pss - parent) * 1024.0 / held:0} B per connection)"));
                }
            }
            if (row.Workers > 0)
            {
                output.WriteLine(string.Create(inv, $"large_worker_baseline_kib={outcome.WorkerRssReadyKb / (double)row.Workers:0}  (one worker's RSS when ready, before its first connection; mean of {row.Workers})"));
            }
            double growth = Math.Max(0, outcome.WorkerRssConnectedKb - outcome.WorkerRssReadyKb) * 1024.0 / held;
            output.WriteLine(string.Create(inv, $"large_worker_growth_bytes_per_connection={growth:0}  (workers' RSS growth over the connect phase / connections held)"));
            output.WriteLine(string.Create(inv, $"large_peak_rss_sum_mib={outcome.PeakMemoryKb / 1024.0:0}  (sum of each of {outcome.Processes} processes' own peak RSS: shared pages once per process)"));
            output.WriteLine(row.KernelBytesPerConn is { } kernel
                ? string.Create(inv, $"large_kernel_bytes_per_connection={kernel}  (slab caches' growth over the connect phase, both ends, system-wide: {row.KernelSlabBytes / 1048576.0:0} MiB; see the summary's kernel memory section)")
                : "large_kernel_bytes_per_connection=?  (/proc/slabinfo could not be read)");
            output.WriteLine("rawconnect: not run at this size (one process, capped by RLIMIT_NOFILE)");
            return 0;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
