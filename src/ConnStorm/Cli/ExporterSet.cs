using ConnStorm.Plots;
using ConnStorm.Results;

namespace ConnStorm.Cli;

/// <summary>The one place that says what every command writes from a results folder, and in which order.</summary>
internal static class ExporterSet
{
    /// <summary>Plots first: the summary lists them and report.html inlines their SVG.</summary>
    public static IReadOnlyList<IExporter> Default(PlotOptions? plots = null) => [new PlotExporter(plots)];
}
