using System.Globalization;
using ConnStorm.Results.Reductions;
using ScottPlot;

namespace ConnStorm.Plots;

/// <summary>
/// The two panels of connect-cost and connect-cost-compare: the cost of connect() against how full
/// one destination's port space is, as a ratio to the cost at 10% full (log scale), one line per
/// kernel; and the ratios at 50, 90 and 99% side by side. Only ratios: under emulation absolute
/// times say nothing about a kernel, their ratios do.
/// </summary>
internal static class ConnectCostPanels
{
    public sealed record Series(string Label, int Index, IReadOnlyList<long> Medians);

    public static IReadOnlyList<Plot> Build(IReadOnlyList<Series> series)
    {
        var curves = series.Select(s => (s, Points: ConnectCost.Ratios(s.Medians))).Where(p => p.Points.Count > 0).ToList();
        if (curves.Count == 0)
        {
            return [];
        }
        var curve = PlotStyle.NewPanel("connect() cost as the port space fills", "fill of one destination's port space (%)", $"connect() time ÷ time at {ConnectCost.Reference}% full");
        var all = curves.SelectMany(c => c.Points).Select(p => p.Y).ToList();
        double yMin = Math.Min(0.5, all.Min() / 1.3), yMax = Math.Max(2, all.Max() * 1.6);
        curve.Add.HorizontalLine(LogTicks.Log(1), 1, Palette.Reference, LinePattern.Dotted);
        foreach (var (s, points) in curves)
        {
            var line = curve.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => LogTicks.Log(p.Y)).ToArray(), Palette.ForSeries(s.Index));
            line.LineWidth = 2;
            line.MarkerSize = 0;
            line.LinePattern = Palette.Pattern(s.Index);
            line.LegendText = s.Label;
            foreach (int fill in ConnectCost.Fills)
            {
                if (ConnectCost.RatioAt(s.Medians, fill) is not { } ratio)
                {
                    continue;
                }
                var marker = curve.Add.Marker(fill, LogTicks.Log(ratio), Palette.Marker(s.Index), 10, Palette.ForSeries(s.Index));
                marker.LegendText = "";
            }
        }
        foreach (int fill in ConnectCost.Fills)
        {
            curve.Add.VerticalLine(fill, 1, Palette.Grid, LinePattern.Dashed);
        }
        curve.Axes.SetLimitsX(0, 101);
        curve.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. new[] { 0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 99 }.Select(v => new Tick(v, v.ToString(CultureInfo.InvariantCulture), true))]);
        LogTicks.Apply(curve.Axes.Left, yMin, yMax);
        PlotStyle.LegendAbove(curve);
        PlotStyle.Finish(curve);

        var bars = PlotStyle.NewPanel($"ratio to the cost at {ConnectCost.Reference}% full", "fill of one destination's port space", "connect() time ÷ time at 10% full");
        var fills = ConnectCost.Fills.Where(f => f != ConnectCost.Reference).ToList();
        double width = 0.8 / curves.Count;
        double top = 0;
        for (int k = 0; k < curves.Count; k++)
        {
            var (s, _) = curves[k];
            for (int g = 0; g < fills.Count; g++)
            {
                if (ConnectCost.RatioAt(s.Medians, fills[g]) is not { } ratio)
                {
                    continue;
                }
                double x = g + (k - (curves.Count - 1) / 2.0) * width;
                bars.Add.Bars(new[] { new Bar { Position = x, Value = ratio, Size = width * 0.9, FillColor = Palette.ForSeries(s.Index), LineWidth = 0 } });
                var label = bars.Add.Text(string.Create(CultureInfo.InvariantCulture, $"×{ratio:0.#}"), x, ratio);
                label.Alignment = Alignment.LowerCenter;
                label.LabelFontSize = 11;
                label.OffsetY = -2;
                top = Math.Max(top, ratio);
            }
        }
        foreach (var (s, _) in curves)
        {
            bars.Legend.ManualItems.Add(new LegendItem { LabelText = s.Label, FillColor = Palette.ForSeries(s.Index), LineWidth = 0 });
        }
        bars.Add.HorizontalLine(1, 1, Palette.Reference, LinePattern.Dotted);
        bars.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. fills.Select((f, g) => new Tick(g, string.Create(CultureInfo.InvariantCulture, $"{f}% full"), true))]);
        bars.Axes.SetLimits(-0.6, fills.Count - 0.4, 0, top * 1.15 + 0.5);
        PlotStyle.WholeNumbers(bars.Axes.Left);
        PlotStyle.LegendAbove(bars);
        PlotStyle.Finish(bars);
        return [curve, bars];
    }
}
