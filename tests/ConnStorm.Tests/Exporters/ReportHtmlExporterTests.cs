using ConnStorm.Exporters;
using ConnStorm.Results;
using ConnStorm.Tests.Results;

namespace ConnStorm.Tests.Exporters;

public sealed class ReportHtmlExporterTests
{
    private static string Export(TempDir dir)
    {
        var files = new ReportHtmlExporter().Export(ResultsModel.Open(dir.Path));
        Assert.Equal([dir.File(ResultFiles.Report)], files);
        return File.ReadAllText(files[0]);
    }

    [Fact]
    public void A_sweep_report_has_the_verdict_table_with_coloured_outcomes_and_the_runs_table()
    {
        using var dir = new TempDir();
        ExportSamples.Sweep(dir.Path);

        var html = Export(dir);

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<h1>ConnStorm: two-runs</h1>", html);
        Assert.Contains("<table class=\"verdicts\">", html);
        Assert.Matches("<td class=\"(holds|fails|partial|unsettled)\">", html);
        Assert.Contains("<th>first failure</th>", html);
        Assert.Contains("<a href=\"runs/002-connect-t2/summary.md\">2</a>", html);
        Assert.Contains("<li>run 2: note of run 2</li>", html);
    }

    [Fact]
    public void Every_plot_svg_is_inline_without_its_prolog_and_nothing_is_fetched_or_run()
    {
        using var dir = new TempDir();
        ExportSamples.SingleRun(dir.Path);
        ExportSamples.Svg(dir.Path, "port-range");
        ExportSamples.Svg(dir.Path, "timeline");

        var html = Export(dir);

        Assert.Equal(2, html.Split("<svg ").Length - 1);
        Assert.Contains("<figcaption>timeline</figcaption>", html);
        Assert.DoesNotContain("<?xml", html);
        Assert.DoesNotContain("<!DOCTYPE svg", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain(" src=", html);
        Assert.Contains("id=\"plot2-clip0\"", html);
    }

    [Fact]
    public void All_text_is_escaped()
    {
        using var dir = new TempDir();
        ExportSamples.Sweep(dir.Path, description: "<script>alert('x')</script> & more");

        var html = Export(dir);

        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more", html);
        Assert.DoesNotContain("<script>", html);
    }

    [Fact]
    public void A_single_run_report_has_the_summary_tables()
    {
        using var dir = new TempDir();
        ExportSamples.SingleRun(dir.Path);

        var html = Export(dir);

        Assert.Contains("<h1>ConnStorm run: port-exhaustion</h1>", html);
        Assert.Contains("stopped at 3 open connections: first failure EADDRNOTAVAIL in connect() after 1.42 s", html);
        Assert.Contains("<h2>Failures by errno</h2>", html);
        Assert.Contains("p50 200 &#181;s, p90 300 &#181;s, p99 300 &#181;s, p99.9 300 &#181;s, max 300 &#181;s", html);
    }

    [Fact]
    public void A_probes_folder_gets_a_report_with_the_claims()
    {
        using var dir = new TempDir();
        ExportSamples.Probes(dir.Path);

        var html = Export(dir);

        Assert.Contains("<td class=\"fails\">does not hold</td>", html);
        Assert.Contains("<td class=\"error\">EADDRNOTAVAIL</td>", html);
    }

    [Fact]
    public void A_compare_folder_gets_a_report_with_the_differing_rows_marked()
    {
        using var scratch = new TempDir();
        using var dir = new TempDir();
        ExportSamples.Compare(dir.Path, scratch);

        var html = Export(dir);

        Assert.Contains("<h1>Comparison of 2 probes folders</h1>", html);
        Assert.Contains("<tr class=\"differs\">", html);
    }
}
