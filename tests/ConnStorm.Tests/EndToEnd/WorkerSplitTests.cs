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

    [AotWorkerFact(lab: true)]
    public void SplitRun_RunsItsWorkersAndSinksFromTheAotBinary_AndSumsTheirMemoryAtThePeak()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var (cli, outDir) = Run("40000 40999", 600, extra: "  hold: 2s", whileRunning: (process, _) =>
        {
            // What the kernel says the run's children are, while they hold their connections.
            var until = DateTime.UtcNow.AddSeconds(60);
            while (!process.HasExited && DateTime.UtcNow < until)
            {
                foreach (var p in ProcessTable.All().Where(p => p.CommandLine.StartsWith(AotWorkerFactAttribute.BinaryPath + " ", StringComparison.Ordinal)))
                {
                    seen.Add(p.CommandLine[(AotWorkerFactAttribute.BinaryPath.Length + 1)..].Split(' ')[0]);
                }
                Thread.Sleep(50);
            }
        });

        Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);
        var row = RunsCsv.Read(Path.Combine(outDir, ResultFiles.Runs)).Single();
        var manifest = ManifestWriter.Read(Path.Combine(outDir, ResultFiles.Manifest));
        Assert.Equal(SelfCommand.AotBuild, manifest.WorkerBuild);
        Assert.Equal(["sink", "worker"], seen.Order());
        Assert.True(row.Workers > 1, $"expected a split, got {row.Workers} worker(s)");
        // Parent, every worker and one sink per worker (an accepting sink is split like the workers).
        Assert.Equal(1 + 2 * row.Workers, row.ConnStormProcesses);
        Assert.True(row.ConnStormParentPssKb > 0 && row.ConnStormPssKb > row.ConnStormParentPssKb, $"{row.ConnStormPssKb} KiB, parent {row.ConnStormParentPssKb} KiB");
        Assert.Equal(row.ConnStormPssKb * 1024 / row.MaxEstablished, row.ConnStormBytesPerConn);
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

    [LabFact]
    public void SplitRun_ExhaustingThePortRange_StillStopsAtTheRangeAcrossWorkers()
    {
        var (cli, outDir) = Run("40000 40099", 400);

        Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);
        var row = RunsCsv.Read(Path.Combine(outDir, "runs.csv")).Single();
        string why = Diagnose(outDir);
        Assert.True(row.Workers > 1, why);
        Assert.True(row.PortRangeSize == (int)row.MaxEstablished, why);
        Assert.True(row.PredictedLimit == row.MaxEstablished, why);
        // Every attempt has exactly one outcome: a connection or a failure, never both, never none.
        var all = Seqs(Path.Combine(outDir, "connections.csv")).Concat(Seqs(Path.Combine(outDir, "failures.csv"))).Order();
        Assert.True(Enumerable.Range(0, 400).Select(i => (long)i).SequenceEqual(all), why);
        Assert.True(400 - row.MaxEstablished == row.Failures, why);
        Assert.True(row.FirstFailureErrno == "EADDRNOTAVAIL", why);
    }

    /// <summary>What a failed assertion needs to say: the runs.csv row, failures by phase and errno, duplicates, drops.</summary>
    private static string Diagnose(string outDir)
    {
        var sb = new System.Text.StringBuilder();
        sb.AppendLine().AppendLine("runs.csv:");
        foreach (var l in File.ReadAllLines(Path.Combine(outDir, "runs.csv")))
        {
            sb.AppendLine("  " + l);
        }
        var failures = File.ReadAllLines(Path.Combine(outDir, "failures.csv"));
        sb.AppendLine("failures.csv header: " + failures[0]);
        foreach (var g in failures.Skip(1).GroupBy(l => string.Join(',', l.Split(',').Skip(5))).OrderBy(g => g.Key))
        {
            sb.AppendLine($"  {g.Count()} x [{g.Key}] first: {g.First()}");
        }
        var conns = File.ReadAllLines(Path.Combine(outDir, "connections.csv"));
        sb.AppendLine($"connections.csv: {conns.Length - 1} rows; header: {conns[0]}");
        foreach (var d in conns.Skip(1).GroupBy(l => l.Split(',')[0]).Where(g => g.Count() > 1))
        {
            sb.AppendLine("  duplicate seq " + d.Key);
        }
        foreach (var d in conns.Skip(1).GroupBy(l => l.Split(',')[2]).Where(g => g.Count() > 1).Take(20))
        {
            sb.AppendLine($"  source used {d.Count()} times: {string.Join(" | ", d)}");
        }
        foreach (var l in failures.Skip(1).Where(l => l.Contains(",reset,", StringComparison.Ordinal) || l.Contains(",hold,", StringComparison.Ordinal) || l.Contains(",timeout,", StringComparison.Ordinal)).Take(40))
        {
            sb.AppendLine("  drop/timeout: " + l);
        }
        var manifest = File.ReadAllText(Path.Combine(outDir, "manifest.json"));
        int notes = manifest.IndexOf("\"notes\"", StringComparison.Ordinal);
        sb.AppendLine("manifest notes: " + (notes < 0 ? "-" : manifest.Substring(notes, Math.Min(1500, manifest.Length - notes))));
        return sb.ToString();
    }

    [LabFact]
    public void SplitRun_AWorkerThatStartsLate_FindsTheOtherWorkersPortsStillHeld()
    {
        // Worker 0 is frozen from before the go until well after the others ended their connect phase.
        // Had they closed their connections then, their ports (TIME_WAIT, reusable on loopback once the
        // kernel's seconds tick) would be worker 0's again, and the run would count up to 200 "held".
        var (cli, outDir) = Run("40000 40099", 400, whileRunning: (process, _) =>
        {
            var until = DateTime.UtcNow.AddSeconds(30);
            string? first = null;
            while (DateTime.UtcNow < until)
            {
                var workers = Leftovers.ExperimentProcesses().Where(p => p.Contains(" worker", StringComparison.Ordinal)).ToList();
                first ??= workers.FirstOrDefault();
                // Workers start one after another, each once the previous is ready: a second one means the first waits for the go.
                if (first is not null && workers.Count >= 2)
                {
                    break;
                }
                Thread.Sleep(2);
            }
            Assert.NotNull(first);
            int victim = int.Parse(first.Split(':')[0], System.Globalization.CultureInfo.InvariantCulture);
            Signals.Send(victim, 19 /* SIGSTOP */);
            Thread.Sleep(3000);
            Signals.Send(victim, 18 /* SIGCONT */);
        });

        Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);
        var row = RunsCsv.Read(Path.Combine(outDir, ResultFiles.Runs)).Single();
        string why = Diagnose(outDir);
        Assert.True(row.Workers == 3, why);
        Assert.True(row.MaxEstablished == 100, why);
        Assert.True(row.Established == 100, why);
        Assert.True(row.Failures == 300, why);
        Assert.Empty(Leftovers.ExperimentProcesses());
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
