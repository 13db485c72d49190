using ConnStorm.Exporters;
using ConnStorm.Results;
using ConnStorm.Tests.Results;

namespace ConnStorm.Tests.Exporters;

/// <summary>report.html as a person sees it: opened offline in headless Chromium.</summary>
public sealed class ReportInChromiumTests
{
    private const string Missing = "chromium is not installed (apt-get install -y chromium; ./run.sh test installs it)";

    [SkippableFact]
    public void The_sweep_report_renders_with_its_verdict_table_and_plot()
    {
        var chromium = Chromium.Find();
        Skip.If(chromium is null, Missing);
        using var dir = new TempDir();
        ExportSamples.Sweep(dir.Path);
        ExportSamples.Svg(dir.Path, "port-range", label: "ports in use");
        var page = new ReportHtmlExporter().Export(ResultsModel.Open(dir.Path)).Single();

        var dom = Chromium.DumpDom(chromium!, page);
        Chromium.Screenshot(chromium!, page, dir.File("report.png"));

        Assert.Contains("<table class=\"verdicts\">", dom);
        Assert.Contains("<th>claim</th><th>verdict</th><th>measured</th><th>runs</th>", dom);
        Assert.Contains("ports in use", dom);
        var png = PngPixels.Read(dir.File("report.png"));
        Assert.Equal(1400, png.Width);
        Assert.True(png.NonWhite() > 20_000, $"the screenshot is nearly blank: {png.NonWhite()} non-white pixels");
        Assert.True(png.DistinctColours() > 8, $"the screenshot has only {png.DistinctColours()} colours");
    }
}
