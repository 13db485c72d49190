using ConnStorm.Plots;
using ConnStorm.Results;
using ConnStorm.Tests.Results;

namespace ConnStorm.Tests.Plots;

/// <summary>What the written scripts hold, without running gnuplot.</summary>
public sealed class ScriptTests
{
    private static string Script(TempDir dir, string name) => File.ReadAllText(dir.File(name + ".gp"));

    private static IReadOnlyList<PlotResult> WriteOnly(TempDir dir) => PlotWriter.WriteAndRender(dir.Path, "scenario sweep · kernel 6.8", gnuplot: null);

    [Fact]
    public void A_sweep_gets_all_three_scripts_at_the_top_of_the_folder()
    {
        using var dir = new TempDir();
        ResultsSamples.Sweep(dir.Path, ResultsSamples.ThreeRuns);

        var results = WriteOnly(dir);

        Assert.Equal(["port-range", "timeline", "connect-latency"], results.Select(r => r.Name));
        Assert.All(results, r => Assert.True(File.Exists(dir.File(r.Name + ".gp"))));
    }

    [Fact]
    public void Port_range_draws_one_series_per_variant_targets_and_source_ips()
    {
        using var dir = new TempDir();
        ResultsSamples.Sweep(dir.Path, ResultsSamples.ThreeRuns);
        WriteOnly(dir);
        var script = Script(dir, "port-range");

        Assert.Contains("title 'connect, 1 target, kernel-chosen source IP'", script);
        Assert.Contains("title 'connect, 4 targets, kernel-chosen source IP'", script);
        Assert.Contains("title 'bind, 4 targets, 1 source IP'", script);
        Assert.Contains("in_series('bind', 4, 1)", script);
        Assert.Contains("'runs.csv' every ::1", script);
        Assert.Contains("set xlabel 'ip_local_port_range size (ports)'", script);
    }

    [Fact]
    public void Port_range_marks_the_predicted_limit_and_the_65535_line_when_it_fits()
    {
        using var dir = new TempDir();
        ResultsSamples.Sweep(dir.Path, ResultsSamples.BigSweep());
        WriteOnly(dir);
        var script = Script(dir, "port-range");

        Assert.Contains("column(c_predicted_limit)", script);
        Assert.Contains("title 'rule: limit predicted by the port rules (ring)'", script);
        Assert.Contains("first 65535 nohead dt 2", script);
        Assert.Contains("set label 1 '65535'", script);
        // The sweep repeats a size: lines join means, dots show every run.
        Assert.Contains("smooth unique", script);
        Assert.Contains("single run (lines join the mean of repeats)", script);
    }

    [Fact]
    public void Port_range_says_the_65535_line_is_off_the_scale_when_every_value_is_small()
    {
        using var dir = new TempDir();
        ResultsSamples.Sweep(dir.Path, ResultsSamples.ThreeRuns);
        WriteOnly(dir);

        Assert.Contains("65535 reference line is off the scale", Script(dir, "port-range"));
    }

    [Fact]
    public void Port_range_is_not_written_when_no_run_knows_its_port_range_size()
    {
        using var dir = new TempDir();
        ResultsSamples.Sweep(dir.Path, ResultsSamples.ThreeRuns);
        var rows = RunsCsv.Read(dir.File(RunsCsv.FileName)).Select(r => r with { PortRangeSize = null });
        RunsCsv.Write(dir.File(RunsCsv.FileName), rows);

        var results = WriteOnly(dir);

        Assert.DoesNotContain(results, r => r.Name == "port-range");
        Assert.False(File.Exists(dir.File("port-range.gp")));
    }

    [Fact]
    public void Timeline_has_one_panel_per_run_and_colours_only_the_errnos_that_occur()
    {
        using var dir = new TempDir();
        ResultsSamples.Sweep(dir.Path, ResultsSamples.ThreeRuns);
        WriteOnly(dir);
        var script = Script(dir, "timeline");

        Assert.Contains("set multiplot layout 2,2", script);
        Assert.Contains("'runs/001-connect-r1000-t1-s1/timeline.csv' every ::1", script);
        Assert.Contains("set title '003-bind-r1000-t4-s1' . \"\\n\" . 'bind, 1000 ports, 4 targets'", script);
        Assert.Contains("title 'EADDRNOTAVAIL failures'", script);
        Assert.Contains("title 'EADDRINUSE failures'", script);
        Assert.DoesNotContain("EMFILE failures", script);
        Assert.Contains("failures per 100 ms interval", script);
        Assert.Contains("'scenario sweep · kernel 6.8'", script);
    }

    [Fact]
    public void Timeline_with_more_than_16_runs_shows_the_first_15_and_the_largest_and_says_so()
    {
        using var dir = new TempDir();
        var runs = ResultsSamples.BigSweep();
        ResultsSamples.Sweep(dir.Path, runs);
        WriteOnly(dir);
        var script = Script(dir, "timeline");

        Assert.Equal(17, runs.Length);
        Assert.Contains("(16 of 17 runs shown: the first 15 and the largest)", script);
        Assert.Contains("set multiplot layout 4,4", script);
        var largest = runs.MaxBy(r => r.Held)!;
        Assert.Contains(largest.Id, script);
        var leftOut = runs.Where(r => r != largest).Skip(15).Single();
        Assert.DoesNotContain(leftOut.Id, script);
    }

    [Fact]
    public void Connect_latency_has_a_panel_only_for_runs_with_connections_csv()
    {
        using var dir = new TempDir();
        ResultsSamples.Sweep(dir.Path, ResultsSamples.ThreeRuns);
        WriteOnly(dir);
        var script = Script(dir, "connect-latency");

        Assert.Contains("set multiplot layout 1,2", script);
        Assert.Contains("n = 1 * thin", script);
        Assert.Contains("'runs/002-connect-r1000-t4-s1/connections.csv' every n::1", script);
        Assert.DoesNotContain("003-bind", script);
        // Capacity = port range size × targets of that run.
        Assert.Contains("($0 * n * 100.0 / 4000)", script);
        Assert.Contains("port(strcol(3)) % 2 == 0", script);
        Assert.Contains("port(strcol(3)) % 2 == 1", script);
        Assert.Contains("set logscale y", script);
    }

    [Fact]
    public void Connect_latency_thins_a_run_of_more_than_20000_rows_with_every()
    {
        using var dir = new TempDir();
        ResultsSamples.Flat(dir.Path, new SampleRun("x", "connect", 28232, 1, 0, 28232, "EADDRNOTAVAIL"));
        WriteOnly(dir);
        var script = Script(dir, "connect-latency");

        Assert.Contains("n = 2 * thin", script);
        Assert.Contains("'connections.csv' every n::1 using ($0 * n * 100.0 / 28232)", script);
        Assert.Contains("1 in 2 of 28232 rows", script);
    }

    [Fact]
    public void Connect_latency_uses_the_row_count_when_the_port_range_is_unknown()
    {
        using var dir = new TempDir();
        var run = new SampleRun("x", "connect", 500, 1, 0, 500, "EADDRNOTAVAIL");
        ResultsSamples.Flat(dir.Path, run);
        // A run whose range was never read has no rule either.
        RunsCsv.Write(dir.File(RunsCsv.FileName), [ResultsSamples.Row(1, run, ".") with { PortRangeSize = null, PredictedLimit = null }]);
        WriteOnly(dir);

        Assert.Contains("100.0 / 500)", Script(dir, "connect-latency"));
        Assert.Contains("range unknown: % of rows", Script(dir, "connect-latency"));
    }

    [Fact]
    public void A_flat_single_run_reads_its_files_at_the_top_of_the_folder()
    {
        using var dir = new TempDir();
        ResultsSamples.Flat(dir.Path, ResultsSamples.ThreeRuns[1]);
        WriteOnly(dir);

        Assert.Contains("'timeline.csv' every ::1", Script(dir, "timeline"));
        Assert.Contains("set title 'run 1' . \"\\n\" . 'connect, 1000 ports, 4 targets'", Script(dir, "timeline"));
        Assert.Contains("set multiplot layout 1,1", Script(dir, "timeline"));
        Assert.Contains("'connections.csv' every n::1", Script(dir, "connect-latency"));
    }

    [Fact]
    public void Scripts_draw_both_png_and_svg_from_one_body()
    {
        using var dir = new TempDir();
        ResultsSamples.Flat(dir.Path, ResultsSamples.ThreeRuns[0]);
        WriteOnly(dir);
        var script = Script(dir, "timeline");

        Assert.Contains("set terminal pngcairo size width,height", script);
        Assert.Contains("set output 'timeline.png'", script);
        Assert.Contains("set terminal svg size width,height", script);
        Assert.Contains("set output 'timeline.svg'", script);
        Assert.Contains("set datafile separator \",\"", script);
    }

    [Fact]
    public void Without_gnuplot_the_scripts_are_written_and_each_result_carries_the_install_hint()
    {
        using var dir = new TempDir();
        ResultsSamples.Sweep(dir.Path, ResultsSamples.ThreeRuns);

        var results = WriteOnly(dir);

        Assert.Equal(3, results.Count);
        Assert.All(results, r =>
        {
            Assert.False(r.Rendered);
            Assert.Equal("gnuplot not found: install it with `apt-get install gnuplot-nox`, then run `connstorm plot DIR`", r.Error);
            Assert.True(File.Exists(dir.File(r.Name + ".gp")));
        });
    }

    [Fact]
    public void A_folder_without_runs_csv_is_an_error()
    {
        using var dir = new TempDir();

        Assert.Throws<FileNotFoundException>(() => PlotWriter.WriteAndRender(dir.Path));
    }
}
