using System.Text.Json;
using ConnStorm.Compare;
using ConnStorm.Exporters;
using ConnStorm.Results;
using ConnStorm.Plots;
using ConnStorm.Tests.Plots;
using ConnStorm.Tests.Results;

namespace ConnStorm.Tests.Compare;

/// <summary>What lands in the report folder: compare.json (and compare.md from it), sources, plot scripts and images.</summary>
public sealed class CompareWriterTests
{
    private static readonly byte[] PngMagic = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>What `connstorm compare` does: the records (CompareWriter), then compare.md from compare.json (the exporter).</summary>
    private static (IReadOnlyList<string> Files, IReadOnlyList<PlotResult> Plots) WriteReport(CompareReport report, string outDir, string? gnuplot)
    {
        var written = CompareWriter.Write(report, outDir, gnuplot);
        new CompareReportExporter().Export(ResultsModel.Open(outDir));
        return written;
    }

    private static CompareReport RunsReport(TempDir dir, string kernelB = "6.8.0-45-generic") =>
        Comparer.Load([
            CompareSamples.Runs(dir.File("myth/a"), CompareSamples.Sweep(), kernel: "6.18.44"),
            CompareSamples.Runs(dir.File("myth/b"), CompareSamples.SweepOneRowDiffers(), kernel: kernelB),
        ]);

    private static CompareReport ProbesReport(TempDir dir) =>
        Comparer.Load([
            CompareSamples.Probes(dir.File("probes/a"), "6.18.44"),
            CompareSamples.Probes(dir.File("probes/b"), "6.1.0", shuffled: true, verdict: "fails"),
        ]);

    [Fact]
    public void The_markdown_counts_the_differing_row_at_the_top_and_marks_only_it()
    {
        using var dir = new TempDir();
        var report = RunsReport(dir);

        WriteReport(report, dir.File("out"), gnuplot: null);

        var md = File.ReadAllLines(dir.File("out/compare.md"));
        Assert.Contains("**1 of 12 rows differ**", md.First(l => l.Contains("rows differ", StringComparison.Ordinal)));
        var marked = Assert.Single(md, l => l.StartsWith("| ≠", StringComparison.Ordinal));
        Assert.Equal("| ≠ connect | 4000 | 3 | 1 | **12000, EADDRNOTAVAIL in connect** | **4000, EADDRNOTAVAIL in connect** |", marked);
        Assert.Contains("| connect | 1000 | 1 | 1 | 1000, EADDRNOTAVAIL in connect | 1000, EADDRNOTAVAIL in connect |", md);
    }

    [Fact]
    public void Two_folders_of_the_same_kernel_are_told_apart_in_the_header()
    {
        using var dir = new TempDir();
        var report = RunsReport(dir, kernelB: "6.18.44");

        WriteReport(report, dir.File("out"), gnuplot: null);

        var header = File.ReadAllLines(dir.File("out/compare.md")).First(l => l.StartsWith("| variant", StringComparison.Ordinal));
        Assert.Contains("(1) 6.18.44<br>vm · myth/a", header);
        Assert.Contains("(2) 6.18.44<br>vm · myth/b", header);
    }

    [Fact]
    public void A_row_missing_from_a_folder_shows_a_dash_there_in_bold()
    {
        using var dir = new TempDir();
        var report = Comparer.Load([
            CompareSamples.Runs(dir.File("a"), CompareSamples.Sweep()),
            CompareSamples.Runs(dir.File("b"), CompareSamples.Sweep().Where(r => r.Variant != "bind" || r.PortRangeSize != 1000 || r.SourceIps != 2)),
        ]);

        WriteReport(report, dir.File("out"), gnuplot: null);

        var md = File.ReadAllLines(dir.File("out/compare.md"));
        Assert.Contains("| ≠ bind | 1000 | 3 | 2 | **2000, EADDRNOTAVAIL in bind** | **—** |", md);
    }

    [Fact]
    public void The_probes_markdown_has_a_cases_table_and_a_claims_table_each_marking_its_difference()
    {
        using var dir = new TempDir();

        WriteReport(ProbesReport(dir), dir.File("out"), gnuplot: null);

        var text = File.ReadAllText(dir.File("out/compare.md"));
        Assert.Contains("**2 of 6 rows differ** (1 of 4 cases, 1 of 2 claims)", text);
        Assert.Contains("| ≠ port-sequence | connect-to-a | **ok · calls=300 even_share=1 step_median=2** | **ok · calls=300 even_share=0.5 step_median=311** |", text);
        Assert.Contains("| ≠ TCP and UDP can bind the same port at the same time | **holds** | **fails** |", text);
        Assert.Contains("| bind-matrix | tcp-tcp-same-port | EADDRINUSE · port=40100 | EADDRINUSE · port=40100 |", text);
    }

    [Fact]
    public void Compare_json_holds_the_same_rows_for_machines()
    {
        using var dir = new TempDir();

        WriteReport(ProbesReport(dir), dir.File("out"), gnuplot: null);

        using var doc = JsonDocument.Parse(File.ReadAllText(dir.File("out/compare.json")));
        var root = doc.RootElement;
        Assert.Equal("connstorm.compare/1", root.GetProperty("schema").GetString());
        Assert.Equal("probes", root.GetProperty("kind").GetString());
        Assert.Equal(2, root.GetProperty("differing").GetInt32());
        Assert.Equal(["6.18.44", "6.1.0"], root.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("kernel_release").GetString()));
        var claim = root.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("table").GetString() == "claims" && r.GetProperty("differs").GetBoolean());
        Assert.Equal("TCP and UDP can bind the same port at the same time", claim.GetProperty("key").GetProperty("claim").GetString());
        Assert.Equal(["holds", "fails"], claim.GetProperty("cells").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public void Without_gnuplot_the_scripts_and_their_data_are_written_and_no_image_is_linked()
    {
        using var dir = new TempDir();

        var (files, plots) = WriteReport(RunsReport(dir), dir.File("out"), gnuplot: null);

        var plot = Assert.Single(plots);
        Assert.False(plot.Rendered);
        Assert.Contains(dir.File("out/port-range-compare.gp"), files);
        Assert.Contains(dir.File("out/port-range-compare.csv"), files);
        Assert.Contains(dir.File("out/sources/2/runs.csv"), files);
        Assert.False(File.Exists(dir.File("out/port-range-compare.png")));
        Assert.DoesNotContain(".png", File.ReadAllText(dir.File("out/compare.md")));
    }

    [Fact]
    public void The_port_range_extract_has_one_block_per_folder_and_series()
    {
        using var dir = new TempDir();

        WriteReport(RunsReport(dir), dir.File("out"), gnuplot: null);

        var blocks = File.ReadAllLines(dir.File("out/port-range-compare.csv")).Count(l => l.StartsWith("# block", StringComparison.Ordinal));
        // 2 folders × (connect 1 target, connect 3 targets, bind 1 source IP, bind 2 source IPs).
        Assert.Equal(8, blocks);
        Assert.Contains("index 7 using 1:2", File.ReadAllText(dir.File("out/port-range-compare.gp")));
    }

    [GnuplotFact]
    public void Runs_render_the_overlaid_port_range_plot()
    {
        using var dir = new TempDir();

        var (files, plots) = WriteReport(RunsReport(dir), dir.File("out"), Gnuplot.Find());

        var plot = Assert.Single(plots);
        Assert.True(plot.Rendered, plot.Error);
        AssertImages(dir.File("out/port-range-compare"));
        Assert.Contains(dir.File("out/port-range-compare.png"), files);
        Assert.Contains("![port-range-compare](port-range-compare.png)", File.ReadAllText(dir.File("out/compare.md")));
    }

    [GnuplotFact]
    public void Probes_render_a_port_sequence_panel_per_case()
    {
        using var dir = new TempDir();

        var (_, plots) = WriteReport(ProbesReport(dir), dir.File("out"), Gnuplot.Find());

        var plot = Assert.Single(plots);
        Assert.Equal("port-sequence-compare", plot.Name);
        Assert.True(plot.Rendered, plot.Error);
        AssertImages(dir.File("out/port-sequence-compare"));
        var script = File.ReadAllText(dir.File("out/port-sequence-compare.gp"));
        Assert.Contains("set title 'connect-to-a'", script);
        Assert.Contains("set title 'bind-then-connect'", script);
    }

    [GnuplotFact]
    public void The_report_folder_is_self_contained_so_a_script_reruns_after_the_sources_are_gone()
    {
        using var dir = new TempDir();
        WriteReport(RunsReport(dir), dir.File("out"), Gnuplot.Find());
        Directory.Delete(dir.File("myth"), recursive: true);
        File.Delete(dir.File("out/port-range-compare.png"));

        var (exit, stderr) = Gnuplot.Run(dir.File("out/port-range-compare.gp"), TimeSpan.FromMinutes(1));

        Assert.True(exit == 0, stderr);
        AssertImages(dir.File("out/port-range-compare"));
    }

    private static void AssertImages(string stem)
    {
        var png = File.ReadAllBytes(stem + ".png");
        Assert.True(png.Length > 10_000, $"{stem}.png is only {png.Length} bytes");
        Assert.Equal(PngMagic, png[..8]);
        Assert.Contains("<svg", File.ReadAllText(stem + ".svg"));
    }
}
