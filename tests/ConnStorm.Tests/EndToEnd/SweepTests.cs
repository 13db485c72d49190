using ConnStorm.Results;
using ConnStorm.Rules;
using ConnStorm.Tests.TestSupport;

namespace ConnStorm.Tests.EndToEnd;

/// <summary>A sweep through the real CLI: one lab per combination, one row per run, limits as the rules say.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class SweepTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("connstorm-sweep-").FullName;

    [LabFact]
    public void TwoDimensionSweep_YieldsOneRowPerCombinationAtTheLimitTheRulesPredict()
    {
        string file = Path.Combine(_dir, "scenario.yaml");
        File.WriteAllText(file, """
            name: small-sweep
            lab: {}
            sink:
              listen: ["127.0.0.1:9000-9001"]
            targets: ["127.0.0.1:9000-9001"]
            client:
              source_ips: ["127.0.0.1"]
            load:
              connections: auto
              stop_on: never
            sweep:
              port_range: ["40000 40099", "40000 40249"]
              variants:
                connect: { bind_before_connect: false }
                bind: { bind_before_connect: true }
            """);
        string outDir = Path.Combine(_dir, "out");

        var cli = ConnStormCli.Run(TimeSpan.FromSeconds(120), "run", file, "--out", outDir, "--plain");

        Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);
        var rows = RunsCsv.Read(Path.Combine(outDir, "runs.csv"));
        Assert.Equal(4, rows.Count);
        Assert.Equal(
            [("connect", 100), ("connect", 250), ("bind", 100), ("bind", 250)],
            rows.Select(r => (r.Variant, r.PortRangeSize ?? 0)));
        foreach (var row in rows)
        {
            // The range each run read back from its own namespace, put through the rule.
            var rule = PortRules.Predict(row.Shape());
            Assert.Equal(rule.Limit, row.MaxEstablished);
            Assert.Equal(rule.Phase, row.FirstFailurePhase);
            Assert.True(File.Exists(Path.Combine(outDir, row.RunDir, "timeline.csv")), row.RunDir);
            Assert.True(File.Exists(Path.Combine(outDir, row.RunDir, "manifest.json")), row.RunDir);
            Assert.Equal(row.Established, LatencyLog.Read(Path.Combine(outDir, row.RunDir, ResultFiles.LatencyLog)).Sum(h => h.TotalCount));
        }
        // connect() gets the range per destination; bind(ip, 0) only once however many.
        Assert.Equal(rows[0].MaxEstablished, 2 * rows[2].MaxEstablished);
        string summary = File.ReadAllText(Path.Combine(outDir, "summary.md"));
        Assert.Contains("## Verdicts", summary, StringComparison.Ordinal);
        Assert.Contains("| connect() without bind: limit = port range size × distinct destinations | holds |", summary, StringComparison.Ordinal);
        Assert.Empty(Leftovers.NamespacesOf(cli.Pid));
        Assert.Empty(Leftovers.ExperimentProcesses());
    }

    [LabFact]
    public void Plot_OnAnExistingSweepFolder_RendersAgainFromTheCsvsAlone()
    {
        string file = Path.Combine(_dir, "scenario.yaml");
        File.WriteAllText(file, """
            name: replot
            lab: {}
            sink:
              listen: ["127.0.0.1:9000"]
            targets: ["127.0.0.1:9000"]
            load:
              connections: auto
            sweep:
              port_range: [100, 200]
            """);
        string outDir = Path.Combine(_dir, "out");
        Assert.Equal(0, ConnStormCli.Run(TimeSpan.FromSeconds(120), "run", file, "--out", outDir, "--plain").ExitCode);
        string png = Path.Combine(outDir, "port-range.png");
        Assert.True(File.Exists(png));
        File.Delete(png);

        var again = ConnStormCli.Run(TimeSpan.FromSeconds(60), "plot", outDir);

        Assert.True(again.ExitCode == 0, again.Stdout + again.Stderr);
        Assert.Contains(png, again.Stdout, StringComparison.Ordinal);
        ConnStorm.Tests.Plots.Rendered.Png(png, 1600, 900);
        ConnStorm.Tests.Plots.Rendered.Svg(Path.Combine(outDir, "timeline.svg"), "Open connections and failures over time, per run");
        Assert.Empty(Directory.GetFiles(outDir, "*.gp"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
