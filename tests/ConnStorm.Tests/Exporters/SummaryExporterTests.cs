using ConnStorm.Exporters;
using ConnStorm.Results;
using ConnStorm.Sockets;
using ConnStorm.Tests.Results;

namespace ConnStorm.Tests.Exporters;

public sealed class SummaryExporterTests
{
    private static string Export(TempDir dir, string file = "summary.md")
    {
        new SummaryExporter().Export(ResultsModel.Open(dir.Path));
        return File.ReadAllText(dir.File(file));
    }

    [Fact]
    public void A_single_run_summary_names_the_first_failure_errno_phase_and_open_count()
    {
        using var dir = new TempDir();
        ExportSamples.SingleRun(dir.Path);

        var text = Export(dir);

        Assert.StartsWith("# ConnStorm run: port-exhaustion\n\nOne destination until the ports run out.\n\n", text);
        Assert.Contains("| Established | 3 |", text);
        Assert.Contains("stopped at 3 open connections: first failure EADDRNOTAVAIL in connect() after 1.42 s", text);
        foreach (var errno in new[] { Errno.EADDRNOTAVAIL, Errno.ETIMEDOUT, Errno.ECONNRESET })
        {
            Assert.Contains($"| {Errno.Name(errno)} | 1 | {Errno.Meaning(errno)} |", text);
        }
        Assert.Contains("p50 200 µs, p90 300 µs, p99 300 µs, p99.9 300 µs, max 300 µs (HdrHistogram, 3 significant digits, connect() to established).", text);
        Assert.Contains("- `latency.hlog`: connect latency histograms", text);
        Assert.Contains("- Kernel: 6.8.0-45-generic on box (4 cores)", text);
        Assert.Contains("40000-40009 (10 ports)", text);
        Assert.Contains("RLIMIT_NOFILE (20000) capped this run", text);
        Assert.Contains("`timeline.csv`", text);
        Assert.Contains("`runs.csv`", text);
        Assert.Contains("`summary.md`: this summary", text);
    }

    [Fact]
    public void A_run_written_before_p90_and_p999_existed_shows_its_nearest_rank_percentiles_without_them()
    {
        using var dir = new TempDir();
        ExportSamples.SingleRun(dir.Path);
        var path = dir.File(ResultFiles.Runs);
        RunsCsv.Write(path, [.. RunsCsv.Read(path).Select(r => r with { ConnectP90Us = null, ConnectP999Us = null })]);

        var text = Export(dir);

        Assert.Contains("p50 200 µs, p99 300 µs, max 300 µs (nearest rank, connect() to established).", text);
    }

    [Fact]
    public void A_run_without_failures_says_all_attempts_were_established()
    {
        using var dir = new TempDir();
        RunRow row;
        using (var recorder = Samples.Recorder(dir))
        {
            recorder.Established(Samples.Conn(1, 1));
            row = Samples.Row(recorder, Samples.Info() with { Attempted = 1 });
        }
        RunsCsv.Write(dir.File(ResultFiles.Runs), [row]);

        var text = Export(dir);

        Assert.Contains("no failure: 1 of 1 attempts established", text);
        Assert.Contains("## Failures by errno\n\nNone.", text);
    }

    [Fact]
    public void Established_comes_from_the_timeline_when_runs_csv_was_written_before_the_column()
    {
        using var dir = new TempDir();
        ExportSamples.SingleRun(dir.Path);
        var lines = File.ReadAllLines(dir.File(ResultFiles.Runs));
        File.WriteAllLines(dir.File(ResultFiles.Runs), lines.Select(l => l[..l.LastIndexOf(',')]));

        var text = Export(dir);

        Assert.Contains("| Established | 3 |", text);
    }

    [Fact]
    public void A_sweep_summary_opens_with_the_verdict_table_then_the_runs_table()
    {
        using var dir = new TempDir();
        ExportSamples.Sweep(dir.Path);

        var text = Export(dir);

        Assert.StartsWith("# ConnStorm: two-runs\n\nTwo runs of connect().\n\nMeasured on Linux 6.8.0-45-generic (box, 4 cores), 2 run(s), each in its own network namespace.\n\n## Verdicts\n\n| claim | verdict | measured | runs |", text);
        Assert.True(text.IndexOf("## Verdicts", StringComparison.Ordinal) < text.IndexOf("## Runs", StringComparison.Ordinal));
        Assert.Contains("| run | variant | port range | targets | source IPs | held | rule | first failure | seconds | workers | limit met | kernel B/conn |\n|---:|---|---|---:|---:|---:|---:|---|---:|---:|---|---:|\n", text);
        Assert.Contains("| [2](runs/002-connect-t2/summary.md) | connect | 40000-40009 (10) | 1 | 0 | 3 | 10 | EADDRNOTAVAIL in connect at 3 open | 1.235 | 1 |", text);
        Assert.Contains("- Kernel 6.8.0-45-generic, host box, 4 cores, 8 GiB", text);
        Assert.Contains("- ConnStorm 0.1.0-test; scenario file `scenarios/port-exhaustion.yaml`", text);
    }

    [Fact]
    public void A_sweep_lists_each_runs_notes_under_its_run_number()
    {
        using var dir = new TempDir();
        ExportSamples.Sweep(dir.Path);

        var text = Export(dir);

        Assert.Contains("## Notes\n\n- run 1: note of run 1\n- run 2: note of run 2\n", text);
    }

    [Fact]
    public void A_sweep_writes_each_runs_own_summary_in_its_folder()
    {
        using var dir = new TempDir();
        ExportSamples.Sweep(dir.Path);

        var files = new SummaryExporter().Export(ResultsModel.Open(dir.Path));

        Assert.Equal([dir.File("summary.md"), dir.File("runs/001-connect-t1/summary.md"), dir.File("runs/002-connect-t2/summary.md")], files);
        Assert.Contains("- note of run 2", File.ReadAllText(dir.File("runs/002-connect-t2/summary.md")));
    }

    [Fact]
    public void The_plots_are_those_in_the_folder_in_the_known_order_png_first()
    {
        using var dir = new TempDir();
        ExportSamples.Sweep(dir.Path);
        File.WriteAllText(dir.File("timeline.png"), "");
        ExportSamples.Svg(dir.Path, "timeline");
        ExportSamples.Svg(dir.Path, "port-range");
        File.WriteAllText(dir.File("not-a-plot.png"), "");

        var text = Export(dir);

        Assert.Contains("## Plots\n\n![port-range](port-range.svg)\n\n![timeline](timeline.png)\n\n## Environment", text);
    }

    [Fact]
    public void A_probes_folder_gets_no_summary()
    {
        using var dir = new TempDir();
        ExportSamples.Probes(dir.Path);

        Assert.Empty(new SummaryExporter().Export(ResultsModel.Open(dir.Path)));
    }
}
