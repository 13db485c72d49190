using ConnStorm.Cli;
using ConnStorm.Compare;
using ConnStorm.Plots;
using ConnStorm.Tests.Plots;
using ConnStorm.Tests.Results;

namespace ConnStorm.Tests.Compare;

/// <summary><c>connstorm compare</c>: exit codes and what it prints.</summary>
public sealed class CompareCommandTests
{
    private static (int Exit, string Out, string Err) Compare(string[] dirs, string? outDir, bool plots = true)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CompareCommand.Execute(dirs, outDir, output, error, plots ? [new PlotExporter(), new ConnStorm.Exporters.CompareReportExporter()] : [new ConnStorm.Exporters.CompareReportExporter()]);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Mixed_kinds_exit_2_name_the_folders_and_write_nothing()
    {
        using var dir = new TempDir();
        var runs = CompareSamples.Runs(dir.File("runs"), CompareSamples.Sweep());
        var probes = CompareSamples.Probes(dir.File("probes"), "6.18.44");

        var (exit, _, err) = Compare([runs, probes], dir.File("out"), plots: false);

        Assert.Equal(2, exit);
        Assert.Contains(runs, err);
        Assert.Contains(probes, err);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public void Different_schemas_exit_2()
    {
        using var dir = new TempDir();
        var a = CompareSamples.Probes(dir.File("a"), "6.18.44");
        var b = CompareSamples.Probes(dir.File("b"), "6.18.44", schema: "connstorm.probes/2");

        var (exit, _, err) = Compare([a, b], dir.File("out"), plots: false);

        Assert.Equal(2, exit);
        Assert.Contains("schema", err);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public void A_path_that_is_no_results_folder_exits_2_with_the_path()
    {
        using var dir = new TempDir();
        var a = CompareSamples.Runs(dir.File("a"), CompareSamples.Sweep());

        var (exit, _, err) = Compare([a, dir.File("nowhere")], dir.File("out"), plots: false);

        Assert.Equal(2, exit);
        Assert.Contains(dir.File("nowhere"), err);
    }

    [Fact]
    public void Fewer_than_two_folders_exit_2()
    {
        using var dir = new TempDir();
        var a = CompareSamples.Runs(dir.File("a"), CompareSamples.Sweep());

        Assert.Equal(2, Compare([a], dir.File("out"), plots: false).Exit);
        Assert.Equal(2, Compare([], dir.File("out"), plots: false).Exit);
    }

    [Fact]
    public void Without_the_plot_exporter_it_writes_the_report_and_prints_the_files()
    {
        using var dir = new TempDir();
        var a = CompareSamples.Runs(dir.File("a"), CompareSamples.Sweep());
        var b = CompareSamples.Runs(dir.File("b"), CompareSamples.SweepOneRowDiffers());

        var (exit, output, err) = Compare([a, b], dir.File("out"), plots: false);

        Assert.True(exit == 0, err);
        Assert.Contains("1 of 12 rows differ", output);
        Assert.Contains(dir.File("out/compare.md"), output);
        Assert.Contains(dir.File("out/compare.json"), output);
    }

    [Fact]
    public void With_the_plot_exporter_it_exits_0_and_prints_the_images()
    {
        using var dir = new TempDir();
        var a = CompareSamples.Probes(dir.File("a"), "6.18.44");
        var b = CompareSamples.Probes(dir.File("b"), "6.1.0", shuffled: true);

        var (exit, output, err) = Compare([a, b], dir.File("out"));

        Assert.True(exit == 0, err);
        Assert.Contains(dir.File("out/port-sequence-compare.png"), output);
        Assert.Contains(dir.File("out/port-sequence-compare.svg"), output);
    }

    [Fact]
    public void A_failing_exporter_exits_1_and_says_which()
    {
        using var dir = new TempDir();
        var a = CompareSamples.Runs(dir.File("a"), CompareSamples.Sweep());
        var b = CompareSamples.Runs(dir.File("b"), CompareSamples.SweepOneRowDiffers());
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = CompareCommand.Execute([a, b], dir.File("out"), output, error,
            [new FailingExporter(new InvalidDataException("a damaged source")), new ConnStorm.Exporters.CompareReportExporter()]);

        Assert.Equal(1, exit);
        Assert.Contains("failing: a damaged source", error.ToString());
        Assert.True(File.Exists(dir.File("out/compare.md")));
    }

    [Fact]
    public void A_full_disk_in_an_exporter_is_a_results_folder_that_cannot_be_written()
    {
        using var dir = new TempDir();
        var a = CompareSamples.Runs(dir.File("a"), CompareSamples.Sweep());
        var b = CompareSamples.Runs(dir.File("b"), CompareSamples.SweepOneRowDiffers());

        var e = Assert.Throws<ConnStorm.Errors.ResultsWriteException>(() => CompareCommand.Execute([a, b], dir.File("out"), new StringWriter(), new StringWriter(),
            [new FailingExporter(new IOException("No space left on device"))]));

        Assert.Contains(dir.File("out"), e.Message);
        Assert.Contains("No space left on device", e.Message);
    }

    private sealed class FailingExporter(Exception error) : ConnStorm.Results.IExporter
    {
        public string Name => "failing";

        public IReadOnlyList<string> Export(ConnStorm.Results.ResultsModel results) => throw error;
    }

    [Fact]
    public void The_default_report_folder_is_results_compare_and_a_utc_timestamp()
    {
        var path = CompareCommand.DefaultOut(new DateTime(2026, 11, 21, 17, 16, 34, DateTimeKind.Utc));

        Assert.Equal(Path.Combine("results", "compare", "20261121-171634Z"), path);
    }

    [Fact]
    public void The_command_parses_folders_and_out()
    {
        var parse = CompareCommand.Create().Parse(["a", "b", "--out", "x"]);

        Assert.Empty(parse.Errors);
    }
}
