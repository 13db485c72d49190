using ConnStorm.Cluster;
using ConnStorm.Exporters;
using ConnStorm.Plots;
using ConnStorm.Results;
using ConnStorm.Tests.Plots;
using static ConnStorm.Tests.Cluster.ClusterSamples;

namespace ConnStorm.Tests.Cluster;

public sealed class ClusterViewsTests
{
    private static ResultsModel Merged(TempDir dir, params string[] runDirs)
    {
        Write(dir.Path, ThreeHosts, runDirs);
        ClusterMerge.Write(dir.Path);
        return ResultsModel.Open(dir.Path);
    }

    [Fact]
    public void The_summary_of_a_cluster_run_has_its_hosts_table_and_names_the_lost_host()
    {
        using var dir = new TempDir();
        var results = Merged(dir);

        new SummaryExporter().Export(results);

        var text = File.ReadAllText(dir.File(ResultFiles.Summary));
        Assert.Contains("| Hosts | cluster run on 3 host(s) (a1, a2, a3), one clock; **partial**: a3 (lost at 0.4 s)", text, StringComparison.Ordinal);
        Assert.Contains("## Hosts\n\n| host | status | attempts | held | failures | first failure | offset | RTT |", text, StringComparison.Ordinal);
        Assert.Contains("| a3 | lost at 0.4 s | 1 | 1 | 0 | none | 10 ms | 0.31 ms |", text, StringComparison.Ordinal);
        Assert.Contains("| a2 | complete | 3 | 2 | 2 | EADDRNOTAVAIL | 0 ms | 0.31 ms |", text, StringComparison.Ordinal);
        Assert.Contains("stopped at 6 open connections (all hosts): first failure EADDRNOTAVAIL in connect() after 0.75 s", text, StringComparison.Ordinal);
        Assert.Contains("- host a3 was lost 0.4 s after the start", text, StringComparison.Ordinal);
        Assert.Contains("`hosts.csv`", text, StringComparison.Ordinal);
        Assert.Contains("- `hosts/<name>/`: each host's own results of this run", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cluster_sweeps_summary_and_report_list_the_hosts_of_every_run()
    {
        using var dir = new TempDir();
        var results = Merged(dir, "runs/001-a", "runs/002-b");

        new SummaryExporter().Export(results);
        new ReportHtmlExporter().Export(results);

        var text = File.ReadAllText(dir.File(ResultFiles.Summary));
        Assert.Contains("Measured on a cluster of 3 host(s), coordinated from coordinator", text, StringComparison.Ordinal);
        Assert.Contains("**partial**: a3 in run 1 (lost at 0.4 s), a3 in run 2 (lost at 0.4 s)", text, StringComparison.Ordinal);
        Assert.Contains("| run | host | status |", text, StringComparison.Ordinal);
        var runSummary = File.ReadAllText(dir.File("runs/002-b/summary.md"));
        Assert.Contains("| a3 | lost at 0.4 s |", runSummary, StringComparison.Ordinal);
        var html = File.ReadAllText(dir.File(ResultFiles.Report));
        Assert.Contains("<h2>Hosts</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"missing\">", html, StringComparison.Ordinal);
        Assert.Contains("lost at 0.4 s", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_of_a_single_cluster_run_names_the_lost_host()
    {
        using var dir = new TempDir();
        var results = Merged(dir);

        new ReportHtmlExporter().Export(results);

        var html = File.ReadAllText(dir.File(ResultFiles.Report));
        Assert.Contains("cluster run on 3 host(s) (a1, a2, a3), one clock; partial: a3 (lost at 0.4 s)", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Hosts</h2>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("runs/001-a")]
    public void The_timeline_plot_draws_a_line_per_host_and_the_total(string runDir)
    {
        using var dir = new TempDir();
        var results = Merged(dir, runDir);

        var files = new PlotExporter().Export(results);

        Assert.Contains(dir.File("timeline.png"), files);
        Rendered.Png(dir.File("timeline.png"), 1920, 1360);
        Assert.True(Rendered.DarkPixelsInTitleBand(dir.File("timeline.png")) > 100);
        Rendered.Svg(dir.File("timeline.svg"), "host a1", "host a2", "host a3", "open connections, all hosts", "t since the common start (s)");
    }

    [Fact]
    public void A_run_on_one_host_keeps_its_single_open_line()
    {
        using var dir = new TempDir();
        ConnStorm.Tests.Exporters.ExportSamples.SingleRun(dir.Path);

        new PlotExporter().Export(ResultsModel.Open(dir.Path));

        var svg = File.ReadAllText(dir.File("timeline.svg"));
        Assert.DoesNotContain("host ", svg, StringComparison.Ordinal);
        Assert.Contains("t since first attempt (s)", svg, StringComparison.Ordinal);
    }
}
