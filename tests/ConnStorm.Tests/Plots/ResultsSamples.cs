using System.Globalization;
using System.Text;
using ConnStorm.Results;
using ConnStorm.Tests.Results;

namespace ConnStorm.Tests.Plots;

/// <summary>One hand-made run: what runs.csv says and what its timeline and connections look like.</summary>
internal sealed record SampleRun(string Id, string Variant, int RangeSize, int Targets, int SourceIps, long Held, string Errno, bool Connections = true);

/// <summary>
/// Hand-made results folders in both layouts: a flat single run and a sweep with runs/&lt;id&gt;/.
/// The numbers follow the port rules (connect: range × targets; bind: range) so the pictures look like real ones.
/// </summary>
internal static class ResultsSamples
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static readonly SampleRun[] ThreeRuns =
    [
        new("001-connect-r1000-t1-s1", "connect", 1000, 1, 0, 1000, "EADDRNOTAVAIL"),
        new("002-connect-r1000-t4-s1", "connect", 1000, 4, 0, 4000, "EADDRNOTAVAIL"),
        new("003-bind-r1000-t4-s1", "bind", 1000, 4, 1, 1000, "EADDRINUSE", Connections: false),
    ];

    /// <summary>A sweep like a real one: two variants × ranges × targets, with repeats of one size.</summary>
    public static SampleRun[] BigSweep()
    {
        var runs = new List<SampleRun>();
        var n = 1;
        foreach (var variant in new[] { "connect", "bind" })
        {
            foreach (var targets in new[] { 1, 4 })
            {
                foreach (var size in new[] { 4000, 8000, 16000, 28232 })
                {
                    var held = variant == "connect" ? (long)size * targets : size;
                    var errno = variant == "connect" ? "EADDRNOTAVAIL" : "EADDRINUSE";
                    runs.Add(new($"{n++:000}-{variant}-r{size}-t{targets}-s1", variant, size, targets, 1, held, errno));
                }
            }
        }
        // A repeat, as a sweep with several samples has: slightly different result.
        runs.Add(new($"{n:000}-connect-r8000-t1-s2", "connect", 8000, 1, 1, 7990, "EADDRNOTAVAIL"));
        return [.. runs];
    }

    public static void Sweep(string dir, IReadOnlyList<SampleRun> runs)
    {
        var rows = new List<RunRow>();
        for (var i = 0; i < runs.Count; i++)
        {
            var run = runs[i];
            var runDir = Path.Combine(dir, "runs", run.Id);
            Directory.CreateDirectory(runDir);
            WriteRunFiles(runDir, run, seed: i);
            rows.Add(Row(i + 1, run, $"runs/{run.Id}"));
        }
        RunsCsv.Write(Path.Combine(dir, RunsCsv.FileName), rows);
    }

    public static void Flat(string dir, SampleRun run)
    {
        WriteRunFiles(dir, run, seed: 0);
        RunsCsv.Write(Path.Combine(dir, RunsCsv.FileName), [Row(1, run, ".")]);
    }

    public static RunRow Row(int number, SampleRun run, string runDir) => new()
    {
        Run = number,
        Variant = run.Variant,
        PortRangeLo = 40000,
        PortRangeHi = 40000 + run.RangeSize - 1,
        PortRangeSize = run.RangeSize,
        Targets = run.Targets,
        SourceIps = run.SourceIps,
        Attempted = run.Held + 1,
        MaxEstablished = run.Held,
        FirstFailureAt = run.Held,
        FirstFailureErrno = run.Errno,
        FirstFailurePhase = run.Variant == "bind" ? "bind" : "connect",
        Failures = 3,
        Seconds = 2.5,
        RlimitNofile = 1_048_576,
        Workers = 1,
        RunDir = runDir,
        BindBeforeConnect = run.Variant == "bind",
        PredictedLimit = run.Variant == "connect" ? (long)run.RangeSize * run.Targets : run.RangeSize,
    };

    private static void WriteRunFiles(string dir, SampleRun run, int seed)
    {
        File.WriteAllText(Path.Combine(dir, RunRecorder.TimelineFile), Timeline(run));
        if (run.Connections)
        {
            File.WriteAllText(Path.Combine(dir, RunRecorder.ConnectionsFile), Connections(run, seed));
        }
    }

    /// <summary>100 ms intervals: open climbs to the limit in 2 s, then 3 failures of the run's errno, then a flat tail.</summary>
    public static string Timeline(SampleRun run)
    {
        var sb = new StringBuilder("t_ms,open,established,established_total,failures,EADDRNOTAVAIL,EADDRINUSE,EMFILE,ENFILE,ECONNREFUSED,ETIMEDOUT,ECONNRESET,EOF,other\n");
        long open = 0;
        for (var k = 1; k <= 25; k++)
        {
            var next = Math.Min(run.Held, run.Held * k / 20);
            var established = next - open;
            open = next;
            var failures = k is 21 or 22 or 23 ? 1 : 0;
            var byErrno = new long[9];
            byErrno[run.Errno == "EADDRINUSE" ? 1 : 0] = failures;
            sb.Append(Inv, $"{k * 100},{open},{established},{open},{failures},{string.Join(',', byErrno)}\n");
        }
        return sb.ToString();
    }

    /// <summary>One row per connection; even source ports first and fast, odd ones later and slower, latency rising as ports run out.</summary>
    public static string Connections(SampleRun run, int seed)
    {
        var random = new Random(seed);
        var sb = new StringBuilder("seq,t_ms,source,target,connect_us\n");
        for (long i = 0; i < run.Held; i++)
        {
            var target = i % run.Targets;
            var perTarget = i / run.Targets;
            var half = run.RangeSize / 2;
            var port = perTarget < half ? 40000 + 2 * perTarget : 40001 + 2 * (perTarget - half);
            var fill = perTarget / (double)run.RangeSize;
            var us = (int)((port % 2 == 0 ? 30 : 60) * (1 + 20 * fill * fill) * (0.7 + 0.6 * random.NextDouble()));
            var source = seed % 2 == 0 ? $"10.0.0.1:{port}" : $"[fd00::1]:{port}";
            sb.Append(Inv, $"{i},{i * 2500.0 / run.Held:0.###},{source},10.0.1.{target + 1}:9000,{us}\n");
        }
        return sb.ToString();
    }
}
