using ConnStorm.Errors;
using ConnStorm.Exporters;
using ConnStorm.Plots;
using ConnStorm.Results;

namespace ConnStorm.Cli;

/// <summary>The one place that says what every command writes from a results folder, and in which order.</summary>
internal static class ExporterSet
{
    /// <summary>
    /// Plots first: the summaries list them and report.html inlines their SVG. Then the markdown
    /// views (each writes only for its kind of folder), then report.html.
    /// </summary>
    public static IReadOnlyList<IExporter> Default(PlotOptions? plots = null) => [.. Plots(plots), .. Reports()];

    public static IReadOnlyList<IExporter> Plots(PlotOptions? plots = null) => [new PlotExporter(plots)];

    /// <summary>Everything after the plots: summary.md, probes.md, compare.md, report.html.</summary>
    public static IReadOnlyList<IExporter> Reports() =>
        [new SummaryExporter(), new ProbesReportExporter(), new CompareReportExporter(), new ReportHtmlExporter()];

    /// <summary>
    /// Runs <paramref name="exporters"/> over <paramref name="dir"/>; prints each file written to
    /// <paramref name="output"/> and each failure to <paramref name="error"/>. A folder that could not
    /// be written throws <see cref="ResultsWriteException"/>, which every command ends with exit code 3.
    /// </summary>
    public static ExportRun Run(IReadOnlyList<IExporter> exporters, string dir, TextWriter output, TextWriter error, string command)
    {
        var run = ExportRun.All(exporters, ResultsModel.Open(dir));
        foreach (var file in run.Files)
        {
            output.WriteLine(file);
        }
        foreach (var e in run.Errors)
        {
            error.WriteLine($"connstorm {command}: {e}");
        }
        return run.WriteFailure is { } failure ? throw ResultsWriteException.About(dir, failure) : run;
    }
}
