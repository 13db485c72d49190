using ConnStorm.Results;

namespace ConnStorm.Plots;

/// <summary>Interim: the gnuplot plots behind the exporter seam, until the ScottPlot project replaces them.</summary>
public sealed class GnuplotExporter : IExporter
{
    public string Name => "plots";

    public IReadOnlyList<string> Export(ResultsModel results)
    {
        if (results.Kind != ResultsKind.Runs)
        {
            return [];
        }
        string? subtitle = results.Manifest is { } m && m.Scenario.TryGetValue("name", out var n) ? $"scenario {n} · kernel {m.KernelRelease}" : null;
        var plots = PlotWriter.WriteAndRender(results.Dir, subtitle);
        return [.. plots.Where(p => p.Rendered).SelectMany(p => PlotWriter.FilesOf(p)).Where(f => !f.EndsWith(".gp", StringComparison.Ordinal)).Select(results.PathOf)];
    }
}
