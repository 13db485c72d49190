using ConnStorm.Cli;
using ConnStorm.Plots;
using ConnStorm.Results;
using ConnStorm.Tests.Results;

namespace ConnStorm.Tests.Plots;

public sealed class PlotCommandTests
{
    private static (int Exit, string Out, string Err) Plot(string dir, string? gnuplot)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = PlotCommand.Execute(dir, output, error, gnuplot);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void A_folder_without_runs_csv_exits_2()
    {
        using var dir = new TempDir();

        var (exit, _, err) = Plot(dir.Path, Gnuplot.Find());

        Assert.Equal(2, exit);
        Assert.Contains("no runs.csv", err);
    }

    [Fact]
    public void Without_gnuplot_it_writes_the_scripts_prints_them_and_exits_3_with_the_hint()
    {
        using var dir = new TempDir();
        ResultsSamples.Sweep(dir.Path, ResultsSamples.ThreeRuns);

        var (exit, output, err) = Plot(dir.Path, gnuplot: null);

        Assert.Equal(3, exit);
        Assert.Contains(Path.Combine(dir.Path, "timeline.gp"), output);
        Assert.DoesNotContain(".png", output);
        Assert.Contains("apt-get install gnuplot-nox", err);
    }

    [GnuplotFact]
    public void With_gnuplot_it_prints_every_file_and_exits_0()
    {
        using var dir = new TempDir();
        ResultsSamples.Sweep(dir.Path, ResultsSamples.ThreeRuns);

        var (exit, output, err) = Plot(dir.Path, Gnuplot.Find());

        Assert.True(exit == 0, err);
        foreach (var name in new[] { "port-range", "timeline", "connect-latency" })
        {
            Assert.Contains(Path.Combine(dir.Path, name + ".png"), output);
            Assert.Contains(Path.Combine(dir.Path, name + ".svg"), output);
        }
    }

    [Fact]
    public void The_subtitle_names_the_scenario_and_kernel_from_the_manifest()
    {
        using var dir = new TempDir();
        ManifestWriter.Write(dir.File(ManifestWriter.FileName), new Manifest
        {
            Scenario = new Dictionary<string, object?> { ["name"] = "two-targets" },
            KernelRelease = "6.8.0-45-generic",
        });

        Assert.Equal("scenario two-targets · kernel 6.8.0-45-generic", PlotCommand.Subtitle(dir.Path));
    }

    [Fact]
    public void The_command_is_called_plot_and_takes_the_results_folder()
    {
        var command = PlotCommand.Create();

        Assert.Equal("plot", command.Name);
        Assert.Single(command.Arguments);
    }
}
