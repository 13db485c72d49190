using ConnStorm.Plots;
using ConnStorm.Results;
using ConnStorm.Tests.Results;

namespace ConnStorm.Tests.Plots;

public sealed class PlotExporterTests
{
    private static IReadOnlyList<string> Export(string dir, PlotOptions? options = null) =>
        new PlotExporter(options).Export(ResultsModel.Open(dir));

    [Fact]
    public void A_sweep_gets_a_png_and_an_svg_of_each_plot_it_can_feed()
    {
        using var dir = new TempDir();
        ResultsSamples.Sweep(dir.Path, ResultsSamples.ThreeRuns);

        var files = Export(dir.Path);

        foreach (var name in new[] { "port-range", "timeline", "connect-latency" })
        {
            Assert.Contains(dir.File(name + ".png"), files);
            Assert.Contains(dir.File(name + ".svg"), files);
        }
        Assert.DoesNotContain(files, f => f.Contains("churn", StringComparison.Ordinal) || f.Contains("proxy", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.gp"));
    }

    [Fact]
    public void The_port_range_png_has_its_size_and_the_svg_its_title_and_axis_labels()
    {
        using var dir = new TempDir();
        ResultsSamples.Sweep(dir.Path, ResultsSamples.BigSweep());

        Export(dir.Path);

        Rendered.Png(dir.File("port-range.png"), 1600, 900);
        Rendered.Svg(dir.File("port-range.svg"), "Connections held at once vs local port range size", "ip_local_port_range size (ports)",
            "connections held at once (max_established)", "connect, 4 targets, 1 source IP");
        Rendered.Svg(dir.File("timeline.svg"), "Open connections and failures over time, per run", "open connections", "EADDRNOTAVAIL failures");
        Rendered.Svg(dir.File("connect-latency.svg"), "Connect latency vs how full the port space is, per run", "even source port", "odd source port");
    }

    [Fact]
    public void A_flat_single_run_gets_every_plot()
    {
        using var dir = new TempDir();
        ResultsSamples.Flat(dir.Path, ResultsSamples.ThreeRuns[0]);

        var files = Export(dir.Path);

        Assert.Equal(6, files.Count);
        Rendered.Svg(dir.File("timeline.svg"), "run 1");
    }

    [Fact]
    public void Width_height_and_format_options_are_applied_to_every_plot()
    {
        using var dir = new TempDir();
        ResultsSamples.Sweep(dir.Path, ResultsSamples.ThreeRuns);

        var files = Export(dir.Path, new PlotOptions { Formats = PlotFormats.Png, Width = 800, Height = 500 });

        Assert.All(files, f => Assert.EndsWith(".png", f, StringComparison.Ordinal));
        Rendered.Png(dir.File("timeline.png"), 800, 500);
        Assert.False(File.Exists(dir.File("port-range.svg")));
    }

    [Fact]
    public void Drawing_again_replaces_the_pictures_and_removes_ones_the_data_no_longer_feeds()
    {
        using var dir = new TempDir();
        ResultsSamples.Sweep(dir.Path, ResultsSamples.ThreeRuns);
        File.WriteAllText(dir.File("churn.png"), "stale");

        Export(dir.Path);

        Assert.False(File.Exists(dir.File("churn.png")));
        Rendered.Png(dir.File("port-range.png"), 1600, 900);
    }

    [Fact]
    public void A_plot_that_fails_costs_only_its_own_files()
    {
        using var dir = new TempDir();
        ResultsSamples.Sweep(dir.Path, ResultsSamples.ThreeRuns);
        File.WriteAllText(dir.File("runs/001-connect-r1000-t1-s1/connections.csv"), "nothing,like,a,connections,file\n1,2,3,4,5\n");

        var e = Assert.Throws<PartialExportException>(() => Export(dir.Path));

        Assert.Contains("connect-latency", e.Message, StringComparison.Ordinal);
        Assert.Contains(dir.File("port-range.png"), e.Files);
        Assert.Contains(dir.File("timeline.svg"), e.Files);
        Assert.False(File.Exists(dir.File("connect-latency.png")));
    }

    [Fact]
    public void A_big_connections_file_is_thinned_so_the_svg_stays_small()
    {
        using var dir = new TempDir();
        ResultsSamples.Flat(dir.Path, new SampleRun("big", "connect", 28232, 4, 1, 112_928, "EADDRNOTAVAIL"));

        Export(dir.Path);

        Assert.True(new FileInfo(dir.File("connect-latency.svg")).Length < 1_000_000, "connect-latency.svg is over 1 MB");
        Rendered.Svg(dir.File("connect-latency.svg"), "of 112928 rows");
    }

    [Fact]
    public void A_probes_folder_gets_the_port_sequence_plot()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File(ResultFiles.Probes), """
            {"schema":"connstorm.probes/1","kernel_release":"6.0-test","cases":[
              {"probe":"port-sequence","case":"connect-to-a","inputs":{"ip_local_port_range":"40000 40999"},"outcome":"observed","values":[40002,40004,40006]},
              {"probe":"port-sequence","case":"bind-any-port","outcome":"observed","values":[40901,40017]},
              {"probe":"bind-matrix","case":"other","outcome":"ok"}]}
            """);

        var files = Export(dir.Path);

        Assert.Equal([dir.File("port-sequence.png"), dir.File("port-sequence.svg")], files);
        Rendered.Svg(dir.File("port-sequence.svg"), "Ephemeral port chosen by each successive call", "connect-to-a", "range 40000-40999", "Linux 6.0-test");
    }

    [Fact]
    public void Probes_without_port_sequences_get_no_plot()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File(ResultFiles.Probes), """{"schema":"connstorm.probes/1","cases":[{"probe":"bind-matrix","case":"x","outcome":"ok"}]}""");

        Assert.Empty(Export(dir.Path));
    }

    private static string CostCase(Func<int, long> medianAt) =>
        $$"""{"probe":"connect-cost","case":"fill-one-destination","outcome":"error","errno":"EADDRNOTAVAIL","values":[{{string.Join(",", Enumerable.Range(1, 100).Select(medianAt))}}]}""";

    [Fact]
    public void A_probes_folder_with_connect_cost_gets_its_plot_of_ratios()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File(ResultFiles.Probes), $$"""{"schema":"connstorm.probes/1","kernel_release":"6.0-test","cases":[{{CostCase(k => k <= 50 ? 1000 : 25000)}}]}""");

        var files = Export(dir.Path);

        Assert.Equal([dir.File("connect-cost.png"), dir.File("connect-cost.svg")], files);
        Rendered.Svg(dir.File("connect-cost.svg"), "connect() cost as one destination's port space fills", "Linux 6.0-test", "×25", "×1", "99% full");
    }

    [Fact]
    public void A_probes_compare_folder_draws_one_connect_cost_line_per_kernel()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File(ResultFiles.Compare), """
            {"schema":"connstorm.compare/1","kind":"probes","columns":[
              {"number":1,"name":"a","kernel_release":"6.1.0-test","hostname":"(none)","where":"vm"},
              {"number":2,"name":"b","kernel_release":"6.18.0-test","hostname":"vm","where":"host"}]}
            """);
        foreach (var (n, high) in new[] { (1, 90000L), (2, 30000L) })
        {
            Directory.CreateDirectory(dir.File($"sources/{n}"));
            File.WriteAllText(dir.File($"sources/{n}/probes.json"), $$"""{"schema":"connstorm.probes/1","cases":[{{CostCase(k => k <= 50 ? 1000 : high)}}]}""");
        }

        Export(dir.Path);

        Rendered.Svg(dir.File("connect-cost-compare.svg"), "per kernel (ratio to the cost at 10% full)", "(1) 6.1.0-test (vm)", "(2) 6.18.0-test (host)", "×90", "×30");
    }
}
