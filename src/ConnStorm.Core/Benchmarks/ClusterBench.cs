using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using ConnStorm.Cluster;
using ConnStorm.Errors;
using ConnStorm.Platform;
using ConnStorm.Results;
using ConnStorm.Running;
using ConnStorm.Scenarios;
using NATS.Client.Core;

namespace ConnStorm.Benchmarks;

/// <summary>
/// `connstorm cluster-bench`: a nats-server and N agents on loopback, one cluster run with this process as
/// the coordinator, then a few of the same shards alone. Prints the time until all agents are ready, the
/// start skew between hosts on the coordinator's clock (the spread of the hosts' first connect(), with
/// each host's lateness against the planned start, first attempt and go), the coordinator's CPU and memory per agent, the
/// time from the run's start to the first connection, and the aggregate connect rate against the sum of
/// the shards alone (extrapolated from the ones measured).
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ClusterBench(int agents, int perAgent, int alone, TextWriter log)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        string? server = new[] { "/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server" }.FirstOrDefault(File.Exists);
        if (server is null)
        {
            log.WriteLine("connstorm cluster-bench: nats-server is not installed (apt-get install -y nats-server)");
            return ExitCodes.EnvironmentCannotRun;
        }
        int natsPort = FreePort();
        string url = $"nats://127.0.0.1:{natsPort}";
        string work = Path.Combine(Path.GetTempPath(), $"connstorm-cluster-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(work);
        using var nats = Process.Start(new ProcessStartInfo(server, ["-a", "127.0.0.1", "-p", natsPort.ToString(CultureInfo.InvariantCulture)])
        { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false })!;
        nats.BeginErrorReadLine();
        nats.BeginOutputReadLine();
        var children = new List<Process>();
        try
        {
            await WaitForPort(natsPort);
            await using var watch = new NatsConnection(new NatsSettings(url).ToOpts("cluster-bench"));
            await watch.ConnectAsync();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            await using var hellos = await watch.SubscribeCoreAsync<byte[]>(Subjects.Hello, cancellationToken: ct);
            var started = Stopwatch.StartNew();
            for (int i = 0; i < agents; i++)
            {
                var psi = SelfCommand.StartInfo(["agent", "--nats", url, "--name", $"b{i:000}"]);
                psi.RedirectStandardOutput = true;
                psi.RedirectStandardError = true;
                var p = Process.Start(psi)!;
                p.BeginOutputReadLine();
                p.BeginErrorReadLine();
                children.Add(p);
            }
            using (var readyBound = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                readyBound.CancelAfter(TimeSpan.FromSeconds(180));
                while (seen.Count < agents)
                {
                    var m = await hellos.Msgs.ReadAsync(readyBound.Token);
                    if (ClusterJson.Read<Hello>(m.Data) is { } h)
                    {
                        seen.Add(h.Name);
                    }
                }
            }
            double readyS = started.Elapsed.TotalSeconds;
            log.WriteLine($"agents ready: {agents} in {readyS:0.00} s");

            int port = FreePort();
            var scenario = ScenarioLoader.Parse($$"""
                name: cluster-bench
                sink: { listen: ["127.0.0.1:{{port}}"], reuseport: true }
                targets: ["127.0.0.1:{{port}}"]
                load: { connections: {{agents * perAgent}}, stop_on: never }
                output: { connections_csv: true }
                """, "cluster-bench");
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var runStart = DateTime.UtcNow;
            string outDir = Path.Combine(work, "cluster");
            var request = new ClusterRequest(new NatsSettings(url)) { Agents = agents, Wait = TimeSpan.FromSeconds(60) };
            var outcome = await new ClusterCoordinator(scenario, new RunOptions { OutDir = outDir }, request, TextWriter.Null).RunAsync(ct);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
            long peakKb = ProcStatus.PeakKb(Environment.ProcessId);
            if (outcome.ExitCode != ExitCodes.Ran)
            {
                log.WriteLine($"the cluster run ended with exit code {outcome.ExitCode}: {outcome.Error}");
                return outcome.ExitCode;
            }
            var doc = ClusterFile.Read(Path.Combine(outDir, ResultFiles.Cluster));
            var run = doc.Runs[0];
            var hosts = doc.Hosts.Select(h =>
            {
                string dir = Path.Combine(outDir, ResultFiles.HostsDir, h.Name);
                var m = ManifestWriter.Read(Path.Combine(dir, ResultFiles.Manifest));
                var row = RunsCsv.Read(Path.Combine(dir, ResultFiles.Runs)).Single();
                var begin = m.ConnectStartedUtc!.Value - TimeSpan.FromMilliseconds(h.ClockOffsetMs);
                return (Name: h.Name, Begin: begin, row.Attempted, row.Seconds, FirstMs: FirstConnectionMs(dir),
                    Go: m.ConnectStartedUtc.Value, First: m.FirstAttemptUtc, h.ClockOffsetMs);
            }).ToList();
            // The skew a user means: when each host's first connect() left, on the coordinator's clock.
            var firsts = StartSkew.Of(hosts.Where(h => h.First is not null).Select(h => StartSkew.LateMs(h.First!.Value, h.ClockOffsetMs, run.StartUtc)));
            var gos = StartSkew.Of(hosts.Select(h => StartSkew.LateMs(h.Go, h.ClockOffsetMs, run.StartUtc)));
            // Every agent here shares the machine's clock, so the offsets are pure measurement error; the
            // same figures without them show what that error costs.
            var raw = StartSkew.Of(hosts.Where(h => h.First is not null).Select(h => StartSkew.LateMs(h.First!.Value, 0, run.StartUtc)));
            var first = hosts.Min(h => h.Begin + TimeSpan.FromMilliseconds(h.FirstMs ?? double.MaxValue / 1e6));
            double spanS = (hosts.Max(h => h.Begin + TimeSpan.FromSeconds(h.Seconds)) - hosts.Min(h => h.Begin)).TotalSeconds;
            double aggregate = hosts.Sum(h => h.Attempted) / Math.Max(spanS, 1e-6);
            log.WriteLine(firsts is null
                ? "start skew between hosts (coordinator clock): no host made an attempt"
                : $"start skew between hosts (coordinator clock): {Ms(firsts.SpreadMs)} ms (max - min of the hosts' first connect() attempts, {firsts.Hosts} hosts)");
            if (firsts is not null)
            {
                log.WriteLine($"  first attempt vs planned start: min {Ms(firsts.MinLateMs)} ms, p50 {Ms(firsts.P50LateMs)} ms, max {Ms(firsts.MaxLateMs)} ms");
            }
            if (gos is not null)
            {
                log.WriteLine($"  go (t = 0 of each host) vs planned start: spread {Ms(gos.SpreadMs)} ms, min {Ms(gos.MinLateMs)} ms, p50 {Ms(gos.P50LateMs)} ms, max {Ms(gos.MaxLateMs)} ms");
            }
            if (raw is not null)
            {
                log.WriteLine($"  first attempt on the one machine clock (offsets not applied): spread {Ms(raw.SpreadMs)} ms, p50 {Ms(raw.P50LateMs)} ms, max {Ms(raw.MaxLateMs)} ms late");
            }
            log.WriteLine($"coordinator CPU: {cpu.TotalMilliseconds / agents:0.0} ms per agent ({cpu.TotalSeconds:0.00} s in all); peak memory {peakKb / 1024} MiB, {(double)peakKb / agents:0} KiB per agent");
            log.WriteLine($"time from the run's start to the first connection: {(first - runStart).TotalSeconds:0.000} s (common start at +{(run.StartUtc - runStart).TotalSeconds:0.000} s)");
            log.WriteLine($"cluster aggregate connect rate: {aggregate:0} /s ({hosts.Sum(h => h.Attempted)} attempts over {spanS:0.000} s)");

            // The same shards alone, one agent at a time: their rates summed, extrapolated to all agents.
            var rates = new List<double>();
            foreach (var h in hosts.Take(Math.Min(alone, hosts.Count)))
            {
                string dir = Path.Combine(work, $"alone-{h.Name}");
                var single = scenario with { Load = scenario.Load with { Connections = (int)h.Attempted } };
                var r = await new ClusterCoordinator(single, new RunOptions { OutDir = dir }, new ClusterRequest(new NatsSettings(url)) { AgentNames = [h.Name] }, TextWriter.Null).RunAsync(ct);
                if (r.Row is { Seconds: > 0 } row)
                {
                    rates.Add(row.Attempted / row.Seconds);
                }
            }
            if (rates.Count > 0)
            {
                double sum = rates.Average() * agents;
                log.WriteLine($"sum of shards alone: {sum:0} /s (mean of {rates.Count} shards run alone, {rates.Average():0} /s, times {agents}); cluster / sum = {aggregate / sum:0.00}");
            }
            return ExitCodes.Ran;
        }
        finally
        {
            foreach (var p in children)
            {
                if (!p.HasExited)
                {
                    Signals.Send(p.Id, Signals.SIGTERM);
                }
            }
            foreach (var p in children)
            {
                if (!p.WaitForExit(TimeSpan.FromSeconds(20)))
                {
                    p.Kill(entireProcessTree: true);
                }
                p.Dispose();
            }
            nats.Kill();
            nats.WaitForExit(5000);
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string Ms(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>t_ms of the first row of connections.csv (its second column is the connect time in that file's layout), or null.</summary>
    private static double? FirstConnectionMs(string dir)
    {
        string path = Path.Combine(dir, ResultFiles.Connections);
        if (!File.Exists(path))
        {
            return null;
        }
        var header = File.ReadLines(path).FirstOrDefault()?.Split(',') ?? [];
        int col = Array.IndexOf(header, "t_ms");
        var values = File.ReadLines(path).Skip(1).Select(l => l.Split(','))
            .Where(f => col >= 0 && f.Length > col)
            .Select(f => double.TryParse(f[col], CultureInfo.InvariantCulture, out double v) ? v : double.NaN)
            .Where(v => !double.IsNaN(v))
            .ToList();
        return values.Count == 0 ? null : values.Min();
    }

    private static async Task WaitForPort(int port)
    {
        for (int i = 0; i < 200; i++)
        {
            try
            {
                using var c = new TcpClient();
                await c.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        throw new ExperimentException($"nats-server did not listen on 127.0.0.1:{port} within 10 s");
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
