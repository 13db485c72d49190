using ConnStorm.Plots;
using ConnStorm.Results;
using ConnStorm.Tests.Results;
using SkiaSharp;

namespace ConnStorm.Tests.Plots;

/// <summary>
/// Text must render on a fresh machine: without a font every label silently vanishes. These fail
/// (never skip) when DejaVu Sans is missing: run.sh installs fonts-dejavu-core.
/// </summary>
public sealed class FontTests
{
    [Fact]
    public void DejaVu_Sans_resolves_to_itself_not_to_a_fallback()
    {
        using var face = SKTypeface.FromFamilyName(Fonts.Family);

        Assert.True(Fonts.Available(), Fonts.Missing());
        Assert.Equal("DejaVu Sans", face.FamilyName);
    }

    [Fact]
    public void A_drawn_plot_has_dark_text_pixels_in_its_title_band_and_its_title_in_the_svg()
    {
        using var dir = new TempDir();
        ResultsSamples.Sweep(dir.Path, ResultsSamples.ThreeRuns);

        new PlotExporter().Export(ResultsModel.Open(dir.Path));

        Assert.True(Rendered.DarkPixelsInTitleBand(dir.File("port-range.png")) > 200, "no title text in port-range.png");
        Rendered.Svg(dir.File("port-range.svg"), "Connections held at once vs local port range size");
        Assert.Contains("font-family=\"DejaVu Sans\"", File.ReadAllText(dir.File("port-range.svg")), StringComparison.Ordinal);
    }
}
