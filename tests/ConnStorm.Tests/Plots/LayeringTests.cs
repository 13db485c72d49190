using ConnStorm.Results;

namespace ConnStorm.Tests.Plots;

/// <summary>The worker (same exe) must never load ScottPlot or SkiaSharp: everything below the commands stays free of them.</summary>
public sealed class LayeringTests
{
    [Fact]
    public void ConnStorm_Core_does_not_reference_ScottPlot_or_SkiaSharp()
    {
        var references = typeof(ResultsModel).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();

        Assert.DoesNotContain(references, n => n.StartsWith("ScottPlot", StringComparison.Ordinal) || n.StartsWith("SkiaSharp", StringComparison.Ordinal) || n.StartsWith("HarfBuzz", StringComparison.Ordinal));
    }

    [Fact]
    public void The_plots_project_references_Core_and_no_command()
    {
        var references = typeof(ConnStorm.Plots.PlotExporter).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.Contains("ConnStorm.Core", references);
        Assert.DoesNotContain("connstorm", references);
    }
}
