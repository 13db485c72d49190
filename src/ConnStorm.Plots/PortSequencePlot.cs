using ConnStorm.Results;
using ConnStorm.Results.Reductions;
using ScottPlot;

namespace ConnStorm.Plots;

/// <summary>
/// port-sequence (probes folder): the port each successive call got, one panel per port-sequence case
/// on shared axes (drawn together, the sequences cross and hide each other), one colour each.
/// </summary>
internal sealed class PortSequencePlot : IPlot
{
    public string Name => "port-sequence";

    public Figure? Build(ResultsModel results)
    {
        if (results.Probes is not { } probes || PortSequences.Cases(probes) is not { Count: > 0 } cases)
        {
            return null;
        }
        long lo = cases.Min(c => c.Values!.Min()), hi = cases.Max(c => c.Values!.Max());
        var calls = cases.Max(c => c.Values!.Count);
        // Headroom so the lowest and highest ports are not drawn on the border.
        var pad = Math.Max(5, (hi - lo) / 20);
        var panels = new List<Plot>();
        for (var i = 0; i < cases.Count; i++)
        {
            // Name and ranges on two lines: on one, a long case name runs past its panel.
            var plot = PlotStyle.NewPanel($"{cases[i].Case}\n{PortSequences.Range(cases[i])}", "call number within the case", "local port (port number)");
            plot.Axes.Title.Label.ForeColor = Palette.ForSeries(i);
            var points = PortSequences.Points(cases[i].Values!);
            // Points, not lines: where the search wraps or jumps, a line would cross the whole panel.
            plot.Add.Markers(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray(), Palette.Marker(i), 5, Palette.ForSeries(i));
            PlotStyle.WholeNumbers(plot.Axes.Left);
            plot.Axes.SetLimits(0, calls + 1, lo - pad, hi + pad);
            PlotStyle.Finish(plot);
            panels.Add(plot);
        }
        var columns = Math.Min(3, cases.Count);
        var rows = (int)Math.Ceiling(cases.Count / (double)columns);
        return new Figure("Ephemeral port chosen by each successive call",
            $"Linux {probes.KernelRelease}: every socket of a case stays open, so each call needs a new port",
            panels, columns, 1600, Math.Max(900, rows * 380 + 60));
    }
}
