using ConnStorm.Results;

namespace ConnStorm.Plots;

/// <summary>
/// Draws every plot the folder can feed (runs, probes or compare folder) to NAME.png and NAME.svg.
/// One plot that fails costs only its own files: the others are drawn, and the failure is reported
/// after them (<see cref="PartialExportException"/>).
/// </summary>
public sealed class PlotExporter(PlotOptions? options = null) : IExporter
{
    private readonly PlotOptions _options = options ?? new PlotOptions();

    public string Name => "plots";

    /// <summary>Every plot, in the order they are drawn (and listed by the summaries).</summary>
    internal static IReadOnlyList<IPlot> All() =>
        [new PortRangePlot(), new TimelinePlot(), new ConnectLatencyPlot(), new ChurnPlot(), new ProxyCapacityPlot(),
         new PortSequencePlot(), new ConnectCostPlot(), new PortRangeComparePlot(), new PortSequenceComparePlot(), new ConnectCostComparePlot()];

    public IReadOnlyList<string> Export(ResultsModel results)
    {
        var files = new List<string>();
        var errors = new List<string>();
        foreach (var plot in All())
        {
            // Old pictures go first, so a failed or no longer applicable plot never leaves a stale one that looks current.
            File.Delete(results.PathOf(ResultFiles.Plot(plot.Name, "png")));
            File.Delete(results.PathOf(ResultFiles.Plot(plot.Name, "svg")));
            try
            {
                if (plot.Build(results) is { } figure)
                {
                    files.AddRange(figure.Resized(_options.Width, _options.Height).Save(results.Dir, plot.Name, _options.Formats));
                }
            }
#pragma warning disable CA1031 // A plot is an extra: whatever breaks one (bad data, a missing native library) must not cost the others or the run.
            catch (Exception e) when (e is not (IOException or UnauthorizedAccessException))
#pragma warning restore CA1031
            {
                errors.Add($"{plot.Name}: {e.GetType().Name}: {e.Message}");
            }
        }
        return errors.Count == 0 ? files : throw new PartialExportException(string.Join("; ", errors), files);
    }
}
