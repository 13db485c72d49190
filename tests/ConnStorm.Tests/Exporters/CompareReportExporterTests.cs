using ConnStorm.Exporters;
using ConnStorm.Results;
using ConnStorm.Tests.Results;

namespace ConnStorm.Tests.Exporters;

public sealed class CompareReportExporterTests
{
    [Fact]
    public void Compare_md_is_written_from_compare_json_alone()
    {
        using var scratch = new TempDir();
        using var dir = new TempDir();
        ExportSamples.Compare(dir.Path, scratch);

        var files = new CompareReportExporter().Export(ResultsModel.Open(dir.Path));

        Assert.Equal([dir.File(ResultFiles.CompareReport)], files);
        var md = File.ReadAllText(files[0]);
        Assert.StartsWith("# Comparison of 2 probes folders\n\n**", md);
        Assert.Contains("**2 of 6 rows differ** (1 of 4 cases, 1 of 2 claims).", md);
        Assert.Contains("## Probe cases", md);
        Assert.Contains("## Claims", md);
        Assert.Contains("| ≠ ", md);
    }

    [Fact]
    public void The_plots_in_the_folder_close_the_report()
    {
        using var scratch = new TempDir();
        using var dir = new TempDir();
        ExportSamples.Compare(dir.Path, scratch);
        File.WriteAllText(dir.File("port-sequence-compare.png"), "");

        new CompareReportExporter().Export(ResultsModel.Open(dir.Path));

        Assert.EndsWith("\n## Plots\n\n![port-sequence-compare](port-sequence-compare.png)\n\n", File.ReadAllText(dir.File(ResultFiles.CompareReport)));
    }
}
