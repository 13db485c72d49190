using ConnStorm.Cli;
using ConnStorm.Tests.Plots;
using ConnStorm.Tests.Results;

namespace ConnStorm.Tests.Cli;

public sealed class PlotCommandTests
{
    private static (int Exit, string Out, string Err) Plot(string dir, string format = "both", int? width = null, int? height = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = PlotCommand.Execute(dir, format, width, height, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void A_folder_that_is_no_results_folder_exits_2()
    {
        using var dir = new TempDir();

        var (exit, _, err) = Plot(dir.Path);

        Assert.Equal(2, exit);
        Assert.Contains("not a ConnStorm results folder", err);
    }

    [Fact]
    public void It_prints_every_file_and_exits_0()
    {
        using var dir = new TempDir();
        ResultsSamples.Sweep(dir.Path, ResultsSamples.ThreeRuns);

        var (exit, output, err) = Plot(dir.Path);

        Assert.True(exit == 0, err);
        foreach (var name in new[] { "port-range", "timeline", "connect-latency" })
        {
            Assert.Contains(Path.Combine(dir.Path, name + ".png"), output);
            Assert.Contains(Path.Combine(dir.Path, name + ".svg"), output);
        }
    }

    [Fact]
    public void Format_and_size_options_reach_the_pictures()
    {
        using var dir = new TempDir();
        ResultsSamples.Sweep(dir.Path, ResultsSamples.ThreeRuns);

        var (exit, output, _) = Plot(dir.Path, "svg", 1000, 700);

        Assert.Equal(0, exit);
        Assert.DoesNotContain(".png", output);
        Assert.Contains("width=\"1000\" height=\"700\"", File.ReadAllText(dir.File("port-range.svg")));
    }

    [Theory]
    [InlineData("gif", null, null)]
    [InlineData("both", 10, null)]
    [InlineData("png", null, 100_000)]
    public void An_out_of_range_option_exits_2_with_a_message(string format, int? width, int? height)
    {
        using var dir = new TempDir();
        ResultsSamples.Sweep(dir.Path, ResultsSamples.ThreeRuns);

        var (exit, _, err) = Plot(dir.Path, format, width, height);

        Assert.Equal(2, exit);
        Assert.Contains("--width/--height between 200 and 10000", err);
        Assert.False(File.Exists(dir.File("port-range.png")));
    }

    [Fact]
    public void A_plot_that_fails_exits_1_after_drawing_the_others()
    {
        using var dir = new TempDir();
        ResultsSamples.Sweep(dir.Path, ResultsSamples.ThreeRuns);
        File.WriteAllText(dir.File("runs/001-connect-r1000-t1-s1/connections.csv"), "nothing,like,a,connections,file\n1,2,3,4,5\n");

        var (exit, output, err) = Plot(dir.Path);

        Assert.Equal(1, exit);
        Assert.Contains("connect-latency", err);
        Assert.Contains(dir.File("port-range.png"), output);
    }

    [Fact]
    public void The_command_takes_the_folder_and_documents_its_defaults()
    {
        var command = PlotCommand.Create();

        Assert.Equal("plot", command.Name);
        Assert.Single(command.Arguments);
        var format = command.Options.Single(o => o.Name == "--format");
        Assert.True(format.HasDefaultValue);
        Assert.Equal("both", format.GetDefaultValue());
        Assert.Contains("Default: each plot's own", command.Options.Single(o => o.Name == "--width").Description);
        Assert.NotEmpty(command.Parse(["x", "--format", "gif"]).Errors);
        Assert.NotEmpty(command.Parse(["x", "--width", "wide"]).Errors);
    }
}
