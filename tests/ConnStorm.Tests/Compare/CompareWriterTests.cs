using System.Text.Json;
using ConnStorm.Compare;
using ConnStorm.Exporters;
using ConnStorm.Results;
using ConnStorm.Plots;
using ConnStorm.Tests.Plots;
using ConnStorm.Tests.Results;

namespace ConnStorm.Tests.Compare;

/// <summary>What lands in the report folder: compare.md, compare.json, sources, and the images the exporters draw.</summary>
public sealed class CompareWriterTests
{
    /// <summary>What `connstorm compare` does: the records, then the views the exporters write from them (the plots when asked, compare.md).</summary>
    private static IReadOnlyList<string> WriteReport(CompareReport report, string outDir, bool draw = false) =>
        CompareWriter.Write(report, outDir, () => ExportRun.All(
            draw ? [new PlotExporter(), new CompareReportExporter()] : [new CompareReportExporter()], ResultsModel.Open(outDir)).Files);

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

        WriteReport(report, dir.File("out"));

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

        WriteReport(report, dir.File("out"));

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

        WriteReport(report, dir.File("out"));

        var md = File.ReadAllLines(dir.File("out/compare.md"));
        Assert.Contains("| ≠ bind | 1000 | 3 | 2 | **2000, EADDRNOTAVAIL in bind** | **—** |", md);
    }

    [Fact]
    public void The_probes_markdown_has_a_cases_table_and_a_claims_table_each_marking_its_difference()
    {
        using var dir = new TempDir();

        WriteReport(ProbesReport(dir), dir.File("out"));

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

        WriteReport(ProbesReport(dir), dir.File("out"));

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
    public void Without_plots_the_data_and_sources_are_written_and_no_image_is_linked()
    {
        using var dir = new TempDir();

        var files = WriteReport(RunsReport(dir), dir.File("out"));

        Assert.Contains(dir.File("out/sources/2/runs.csv"), files);
        Assert.Contains(dir.File("out/compare.json"), files);
        Assert.Empty(Directory.GetFiles(dir.File("out"), "*.gp"));
        Assert.DoesNotContain(".png", File.ReadAllText(dir.File("out/compare.md")));
    }

    [Fact]
    public void Runs_draw_the_overlaid_port_range_plot_and_the_reports_link_it()
    {
        using var dir = new TempDir();

        var files = WriteReport(RunsReport(dir), dir.File("out"), draw: true);

        Assert.Contains(dir.File("out/port-range-compare.png"), files);
        Rendered.Svg(dir.File("out/port-range-compare.svg"), "one panel per variant, folders overlaid", "connect", "bind", "3 targets, 1 source IP", "kernels 6.18.44");
        Assert.Contains("![port-range-compare](port-range-compare.png)", File.ReadAllText(dir.File("out/compare.md")));
        Assert.Contains("port-range-compare.png", File.ReadAllText(dir.File("out/compare.json")));
    }

    [Fact]
    public void Probes_draw_a_port_sequence_panel_per_case()
    {
        using var dir = new TempDir();

        WriteReport(ProbesReport(dir), dir.File("out"), draw: true);

        Rendered.Svg(dir.File("out/port-sequence-compare.svg"), "Local port chosen per call, per port-sequence case", "connect-to-a", "bind-then-connect", "(2) 6.1.0");
        Assert.False(File.Exists(dir.File("out/port-range-compare.png")));
    }

    [Fact]
    public void The_report_folder_is_self_contained_so_it_plots_again_after_the_sources_are_gone()
    {
        using var dir = new TempDir();
        WriteReport(RunsReport(dir), dir.File("out"), draw: true);
        Directory.Delete(dir.File("myth"), recursive: true);
        File.Delete(dir.File("out/port-range-compare.png"));

        var files = new PlotExporter().Export(ResultsModel.Open(dir.File("out")));

        Assert.Contains(dir.File("out/port-range-compare.png"), files);
    }
}
