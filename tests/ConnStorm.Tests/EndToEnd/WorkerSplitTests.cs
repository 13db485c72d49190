using ConnStorm.Results;
using ConnStorm.Platform;
using ConnStorm.Tests.TestSupport;

namespace ConnStorm.Tests.EndToEnd;

/// <summary>
/// A run that needs more descriptors than one process may have is split over worker (and
/// sink) processes; the parent merges their records into one timeline. A low
/// --fds-per-process makes the split happen at a few hundred connections.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class WorkerSplitTests : IDisposable
{
    private const int FdsPerProcess = 300;
    private readonly string _dir = Directory.CreateTempSubdirectory("connstorm-split-").FullName;

    private (ConnStormCli.Result Cli, string Out) Run(string range, int connections, string extra = "", Action<System.Diagnostics.Process, Func<string>>? whileRunning = null)
    {
        string file = Path.Combine(_dir, "scenario.yaml");
        File.WriteAllText(file, $"""
            name: split
            lab:
              sysctl:
                net.ipv4.ip_local_port_range: "{range}"
            sink:
              listen: ["127.0.0.1:9000"]
            targets: ["127.0.0.1:9000"]
            load:
              connections: {connections}
              stop_on: never
            {extra}
            """);
        string outDir = Path.Combine(_dir, "out");
        var psi = ConnStormCli.StartInfo("run", file, "--out", outDir, "--plain", "--fds-per-process", $"{FdsPerProcess}");
        return (ConnStormCli.Run(psi, TimeSpan.FromSeconds(90), whileRunning), outDir);
    }

    private static long[] Seqs(string csv) =>
        File.ReadAllLines(csv).Skip(1).Select(l => long.Parse(l.Split(',')[csv.EndsWith("failures.csv", StringComparison.Ordinal) ? 1 : 0])).ToArray();

    [LabFact]
    public void Run_PastOneProcessesDescriptors_IsSplitAndMergedWithoutLostOrDuplicatedRecords()
    {
        var (cli, outDir) = Run("40000 40999", 600);

        Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);
        var row = RunsCsv.Read(Path.Combine(outDir, "runs.csv")).Single();
        Assert.True(row.Workers > 1, $"expected a split, got {row.Workers} worker(s)");
        Assert.False(row.FdCapped);
        Assert.Equal(600, row.MaxEstablished);
        var seqs = Seqs(Path.Combine(outDir, "connections.csv"));
        Assert.Equal(Enumerable.Range(0, 600).Select(i => (long)i), seqs.Order());
        var manifest = ManifestWriter.Read(Path.Combine(outDir, "manifest.json"));
        Assert.Contains(manifest.Notes, n => n.Contains("split over", StringComparison.Ordinal));
        Assert.Empty(Leftovers.ExperimentProcesses());
    }

    [LabFact]
    public void SplitRun_WritesOneLatencyHistogramPerWorkerHoldingEveryEstablishedConnection()
    {
        var (cli, outDir) = Run("40000 40999", 600);

        Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);
        var row = RunsCsv.Read(Path.Combine(outDir, ResultFiles.Runs)).Single();
        Assert.True(row.Workers > 1, $"expected a split, got {row.Workers} worker(s)");
        var histograms = LatencyLog.Read(Path.Combine(outDir, ResultFiles.LatencyLog));
        Assert.Equal(Enumerable.Range(0, row.Workers).Select(LatencyLog.WorkerTag), histograms.Select(h => h.Tag));
        Assert.Equal(row.Established, histograms.Sum(h => h.TotalCount));
        // Every worker made attempts (seq mod workers), so every one measured some.
        Assert.All(histograms, h => Assert.True(h.TotalCount > 0, $"{h.Tag} recorded nothing"));
        var merged = LatencyLog.Summarize(LatencyLog.Merge(histograms));
        Assert.Equal((row.ConnectP50Us, row.ConnectP90Us, row.ConnectP99Us, row.ConnectP999Us, row.ConnectMaxUs),
            (merged?.P50, merged?.P90, merged?.P99, merged?.P999, merged?.Max));
    }

    // Quarantined: in 2 of 6 full-suite runs on 2026-11-30 (never alone, 36 tries) the run reported
    // max_established 103 with a 100-port range. Established minus drops, counted in the order the
    // parent reads the workers' streams, can overcount when a drop reaches it after another worker's
    // establish; why anything drops in this run is not known yet. See the closing note of issue 9.
    [Fact(Skip = "quarantined: max_established overcounts (103 of a 100-port range) in some full-suite runs; under investigation")]
    public void SplitRun_ExhaustingThePortRange_StillStopsAtTheRangeAcrossWorkers()
    {
        var (cli, outDir) = Run("40000 40099", 400);

        Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);
        var row = RunsCsv.Read(Path.Combine(outDir, "runs.csv")).Single();
        Assert.True(row.Workers > 1);
        Assert.Equal(row.PortRangeSize, (int)row.MaxEstablished);
        Assert.Equal(row.PredictedLimit, row.MaxEstablished);
        // Every attempt has exactly one outcome: a connection or a failure, never both, never none.
        var all = Seqs(Path.Combine(outDir, "connections.csv")).Concat(Seqs(Path.Combine(outDir, "failures.csv"))).Order();
        Assert.Equal(Enumerable.Range(0, 400).Select(i => (long)i), all);
        Assert.Equal(400 - row.MaxEstablished, row.Failures);
        Assert.Equal("EADDRNOTAVAIL", row.FirstFailureErrno);
    }

    [LabFact]
    public void KilledWorker_IsRecordedAsLostAndTheRunStillEnds()
    {
        var (cli, outDir) = Run("40000 40999", 400, "  hold: 5s", (process, stdout) =>
        {
            var until = DateTime.UtcNow.AddSeconds(30);
            while (!stdout().Contains("holding", StringComparison.Ordinal) && DateTime.UtcNow < until)
            {
                Thread.Sleep(100);
            }
            int victim = Leftovers.ExperimentProcesses()
                .Where(p => p.Contains(" worker", StringComparison.Ordinal))
                .Select(p => int.Parse(p.Split(':')[0]))
                .First();
            Signals.Send(victim, 9 /* SIGKILL */);
        });

        Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);
        var row = RunsCsv.Read(Path.Combine(outDir, "runs.csv")).Single();
        Assert.Equal(1, row.WorkersLost);
        var manifest = ManifestWriter.Read(Path.Combine(outDir, "manifest.json"));
        Assert.Contains(manifest.Notes, n => n.Contains("died", StringComparison.Ordinal));
        Assert.Empty(Leftovers.ExperimentProcesses());
        Assert.Empty(Leftovers.NamespacesOf(cli.Pid));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
