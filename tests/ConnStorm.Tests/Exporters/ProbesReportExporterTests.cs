using ConnStorm.Exporters;
using ConnStorm.Results;
using ConnStorm.Tests.Results;

namespace ConnStorm.Tests.Exporters;

public sealed class ProbesReportExporterTests
{
    [Fact]
    public void Probes_md_has_a_table_per_probe_a_failure_line_and_the_claims_with_escaped_pipes()
    {
        using var dir = new TempDir();
        ExportSamples.Probes(dir.Path);

        var files = new ProbesReportExporter().Export(ResultsModel.Open(dir.Path));

        Assert.Equal([dir.File(ResultFiles.ProbesReport)], files);
        var md = File.ReadAllText(files[0]);
        Assert.StartsWith("# ConnStorm probes\n\nWhat Linux 6.18.0-test did (rig, each probe in a network namespace of its own), 2026-11-21 17:00:00Z.", md);
        Assert.Contains("## shared-port", md, StringComparison.Ordinal);
        Assert.Contains("| twice |  | **EADDRNOTAVAIL** |", md, StringComparison.Ordinal);
        Assert.Contains("first values: 40002 40004", md, StringComparison.Ordinal);
        Assert.Contains("**The probe could not finish:** exit code 1: boom \\| bang", md, StringComparison.Ordinal);
        Assert.Contains("| A client cannot reuse a local port | **does not hold** |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void The_port_sequence_plot_is_linked_before_the_claims_when_it_is_in_the_folder()
    {
        using var dir = new TempDir();
        ExportSamples.Probes(dir.Path);
        File.WriteAllText(dir.File("port-sequence.png"), "");

        new ProbesReportExporter().Export(ResultsModel.Open(dir.Path));

        Assert.Contains("![port-sequence](port-sequence.png)\n\n## Claims", File.ReadAllText(dir.File(ResultFiles.ProbesReport)));
    }

    [Fact]
    public void A_runs_folder_gets_no_probes_md()
    {
        using var dir = new TempDir();
        ExportSamples.SingleRun(dir.Path);

        Assert.Empty(new ProbesReportExporter().Export(ResultsModel.Open(dir.Path)));
    }

    [Fact]
    public void A_damaged_probes_json_costs_only_the_exporters_that_read_it()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File(ResultFiles.Probes), "{ not json");

        var run = ExportRun.All([new ProbesReportExporter(), new SummaryExporter()], ResultsModel.Open(dir.Path));

        Assert.Empty(run.Files);
        Assert.StartsWith("probes: ", Assert.Single(run.Errors));
    }
}
