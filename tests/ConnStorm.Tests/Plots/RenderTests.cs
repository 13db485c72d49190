using ConnStorm.Plots;
using ConnStorm.Tests.Results;

namespace ConnStorm.Tests.Plots;

/// <summary>Running the scripts through the real gnuplot.</summary>
public sealed class RenderTests
{
    private static readonly byte[] PngMagic = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static void AssertImages(TempDir dir, string name)
    {
        var png = File.ReadAllBytes(dir.File(name + ".png"));
        Assert.True(png.Length > 10_000, $"{name}.png is only {png.Length} bytes");
        Assert.Equal(PngMagic, png[..8]);
        var svg = File.ReadAllText(dir.File(name + ".svg"));
        Assert.Contains("<svg", svg);
        Assert.True(svg.Length > 10_000, $"{name}.svg is only {svg.Length} characters");
    }

    [GnuplotFact]
    public void Rendering_a_sweep_draws_a_png_and_an_svg_for_every_plot()
    {
        using var dir = new TempDir();
        ResultsSamples.Sweep(dir.Path, ResultsSamples.ThreeRuns);

        var results = PlotWriter.WriteAndRender(dir.Path, "scenario sweep · kernel 6.8");

        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.True(r.Rendered, r.Error));
        Assert.All(results, r => AssertImages(dir, r.Name));
    }

    [GnuplotFact]
    public void Rendering_a_flat_single_run_draws_every_plot()
    {
        using var dir = new TempDir();
        ResultsSamples.Flat(dir.Path, ResultsSamples.ThreeRuns[1]);

        var results = PlotWriter.WriteAndRender(dir.Path);

        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.True(r.Rendered, r.Error));
        Assert.All(results, r => AssertImages(dir, r.Name));
    }

    [GnuplotFact]
    public void Rendering_again_rewrites_the_images()
    {
        using var dir = new TempDir();
        ResultsSamples.Sweep(dir.Path, ResultsSamples.ThreeRuns);
        PlotWriter.WriteAndRender(dir.Path);
        var old = DateTime.UtcNow.AddHours(-1);
        foreach (var file in Directory.GetFiles(dir.Path, "*.png").Concat(Directory.GetFiles(dir.Path, "*.svg")))
        {
            File.SetLastWriteTimeUtc(file, old);
        }

        var results = PlotWriter.WriteAndRender(dir.Path);

        Assert.All(results, r =>
        {
            Assert.True(r.Rendered, r.Error);
            Assert.True(File.GetLastWriteTimeUtc(dir.File(r.Name + ".png")) > old.AddMinutes(30));
            Assert.True(File.GetLastWriteTimeUtc(dir.File(r.Name + ".svg")) > old.AddMinutes(30));
        });
    }

    [GnuplotFact]
    public void A_user_can_rerun_a_script_with_gnuplot_inside_the_folder()
    {
        using var dir = new TempDir();
        ResultsSamples.Sweep(dir.Path, ResultsSamples.ThreeRuns);
        PlotWriter.WriteAndRender(dir.Path);
        File.Delete(dir.File("timeline.png"));

        var (exit, stderr) = Gnuplot.Run(dir.File("timeline.gp"), TimeSpan.FromMinutes(1));

        Assert.True(exit == 0, stderr);
        AssertImages(dir, "timeline");
    }

    [GnuplotFact]
    public void A_script_that_runs_too_long_is_stopped()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("slow.gp"), "pause 30\n");

        var (exit, stderr) = Gnuplot.Run(dir.File("slow.gp"), TimeSpan.FromMilliseconds(500));

        Assert.Equal(-1, exit);
        Assert.Contains("did not finish", stderr);
    }
}
