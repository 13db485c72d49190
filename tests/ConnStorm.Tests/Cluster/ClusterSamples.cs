using ConnStorm.Results;
using ConnStorm.Sockets;
using ConnStorm.Tests.Exporters;
using static ConnStorm.Tests.TestSupport.Samples;

namespace ConnStorm.Tests.Cluster;

/// <summary>
/// Hand-made cluster folders, as the coordinator leaves them before the merge: cluster.json, the
/// coordinator's manifest and each host's own results folder, written with the project's own writers.
/// </summary>
internal static class ClusterSamples
{
    public static readonly DateTime Start = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>One host's shard: when its connect clock started (its own clock), its events, and whether it finished.</summary>
    public sealed record Shard(string Name, double StartedLateMs, double ClockOffsetMs, double[] Established, (double TMs, int Errno, FailurePhase Phase)[] Failures,
        string Status = HostStatus.Complete, double? LostAtMs = null, int ConnectUsBase = 100);

    /// <summary>
    /// a1 starts on time; a2 starts 250 ms later and fails first (at 500 ms of its own, 750 ms on the
    /// common clock); a3's clock runs 10 ms ahead, so its "10 ms late" start is on time; it is lost at 400 ms.
    /// </summary>
    public static IReadOnlyList<Shard> ThreeHosts { get; } =
    [
        new("a1", 0, 0, [100, 200, 300], [(900, Errno.EADDRNOTAVAIL, FailurePhase.Connect)], ConnectUsBase: 100),
        new("a2", 250, 0, [100, 200], [(500, Errno.EADDRNOTAVAIL, FailurePhase.Connect), (600, Errno.ECONNRESET, FailurePhase.Reset)], ConnectUsBase: 400),
        new("a3", 10, 10, [50], [], HostStatus.Lost, LostAtMs: 400, ConnectUsBase: 600),
    ];

    /// <summary>cluster.json, the coordinator's manifest and the host folders of one run (run_dir "." or "runs/&lt;id&gt;").</summary>
    public static void Write(string outDir, IReadOnlyList<Shard> shards, params string[] runDirs)
    {
        runDirs = runDirs.Length == 0 ? ["."] : runDirs;
        var runs = new List<ClusterRun>();
        for (var i = 0; i < runDirs.Length; i++)
        {
            var start = Start.AddMinutes(i);
            var runDir = Path.Combine(outDir, runDirs[i] == "." ? "" : runDirs[i]);
            foreach (var shard in shards)
            {
                HostFolder(Path.Combine(runDir, ResultFiles.HostsDir, shard.Name), shard, start);
            }
            runs.Add(new ClusterRun
            {
                Run = i + 1,
                Id = runDirs[i] == "." ? "" : Path.GetFileName(runDirs[i]),
                RunDir = runDirs[i],
                StartUtc = start,
                Hosts = [.. shards.Select(s => new ClusterRunHost { Name = s.Name, Status = s.Status, LostAtMs = s.LostAtMs, Attempts = 10, Error = s.Status == HostStatus.Complete ? null : "heartbeats stopped" })],
            });
        }
        ClusterFile.Write(Path.Combine(outDir, ResultFiles.Cluster), new ClusterFile
        {
            Nats = "nats://198.18.0.1:4222",
            CoordinatorHostname = "coordinator",
            Hosts = [.. shards.Select((s, i) => new ClusterHost
            {
                Name = s.Name, KernelRelease = "6.18.44", Cores = 2, RlimitNofile = 20000, Addresses = [$"198.18.0.{11 + i}"],
                PortRange = "40000 40009", ClockOffsetMs = s.ClockOffsetMs, RttMs = 0.31,
            })],
            Runs = runs,
        });
        ManifestWriter.Write(Path.Combine(outDir, ResultFiles.Manifest), ExportSamples.Manifest("cluster-one-vip", "Three hosts, one VIP.") with { Hostname = "coordinator" });
    }

    /// <summary>A host's own flat results folder, as a local single run writes it (a lost host: no runs.csv).</summary>
    public static void HostFolder(string dir, Shard shard, DateTime start)
    {
        Directory.CreateDirectory(dir);
        var histogram = LatencyLog.NewHistogram();
        RunRow row;
        using (var recorder = new RunRecorder(dir, TimeSpan.FromMilliseconds(100), writeConnections: true))
        {
            var events = shard.Established.Select((t, i) => (T: t, Conn: (ConnectionRecord?)Conn(i + 1, t, connectUs: shard.ConnectUsBase + 100 * i), Fail: (FailureRecord?)null))
                .Concat(shard.Failures.Select(f => (T: f.TMs, Conn: (ConnectionRecord?)null, Fail: (FailureRecord?)Fail(f.TMs, f.Errno, f.Phase, open: 0))))
                .OrderBy(e => e.T);
            long open = 0;
            foreach (var e in events)
            {
                if (e.Conn is { } c)
                {
                    recorder.Established(c);
                    histogram.RecordValue(c.ConnectUs);
                    open++;
                }
                else if (e.Fail is { } f)
                {
                    recorder.Failed(f with { OpenAtFailure = open });
                    open -= f.IsDrop ? 1 : 0;
                }
                recorder.Tick(e.T);
            }
            var outcomes = shard.Established.Concat(shard.Failures.Where(f => f.Phase != FailurePhase.Reset).Select(f => f.TMs));
            row = Row(recorder, Info() with
            {
                Attempted = shard.Established.Length + shard.Failures.Count(f => f.Phase != FailurePhase.Reset),
                Seconds = outcomes.DefaultIfEmpty(0).Max() / 1000,
            });
        }
        if (shard.Status == HostStatus.Complete)
        {
            RunsCsv.Write(Path.Combine(dir, ResultFiles.Runs), [row]);
        }
        histogram.Tag = LatencyLog.WorkerTag(0);
        LatencyLog.Write(Path.Combine(dir, ResultFiles.LatencyLog), start.AddMilliseconds(shard.StartedLateMs), [histogram]);
        ManifestWriter.Write(Path.Combine(dir, ResultFiles.Manifest), ExportSamples.Manifest() with
        {
            Hostname = shard.Name,
            ConnectStartedUtc = start.AddMilliseconds(shard.StartedLateMs),
        });
    }
}
