using ConnStorm.Results;
using ConnStorm.Results.Reductions;
using ScottPlot;

namespace ConnStorm.Plots;

/// <summary>
/// port-range-compare: connections held at once against the port range size, log-log like port-range,
/// one panel per variant (a sweep has a dozen series: on one plot colours repeat and equal lines hide
/// each other) on the same axes, and in it one line per folder × (targets, source IPs). A series keeps
/// its colour in every folder and a folder its dash and marker, so agreeing folders draw a marker
/// inside a marker, and a difference shows as two lines of one colour.
/// </summary>
internal sealed class PortRangeComparePlot : IPlot
{
    public string Name => "port-range-compare";

    public Figure? Build(ResultsModel results)
    {
        if (results.Compare is not { IsRuns: true } compare || CompareRangeSeries.Of(compare) is not { Count: > 0 } variants)
        {
            return null;
        }
        var all = variants.SelectMany(v => v.Lines).SelectMany(l => l.Means).ToList();
        double xMin = all.Min(p => p.X) / 1.6, xMax = all.Max(p => p.X) * 1.6;
        double held = all.Max(p => Math.Max(1, p.Y));
        // As in port-range: the 65535 line only where it does not squash the data into the bottom.
        var showReference = held * 10 >= PortRangePlot.Reference;
        double yMin = all.Min(p => Math.Max(1, p.Y)) / 1.6, yMax = Math.Max(held, showReference ? PortRangePlot.Reference : 1) * 4;

        var shown = variants.Take(PanelPick.MaxPanels).ToList();
        var panels = new List<Plot>();
        foreach (var (variant, lines) in shown)
        {
            var plot = PlotStyle.NewPanel(variant, "ip_local_port_range size (ports)", "connections held at once");
            if (showReference)
            {
                plot.Add.HorizontalLine(LogTicks.Log(PortRangePlot.Reference), 1.5f, Palette.Reference, LinePattern.Dashed);
                var label = plot.Add.Text($"{PortRangePlot.Reference}", LogTicks.Log(xMax), LogTicks.Log(PortRangePlot.Reference));
                label.Alignment = Alignment.LowerRight;
                label.LabelFontColor = Palette.Reference;
                label.OffsetX = -6;
            }
            foreach (var line in lines)
            {
                var f = line.Folder - 1;
                var scatter = plot.Add.Scatter(line.Means.Select(p => LogTicks.Log(p.X)).ToArray(), line.Means.Select(p => LogTicks.Log(Math.Max(1, p.Y))).ToArray(), Palette.ForSeries(line.SeriesIndex));
                FolderStyle(scatter, f, line.SeriesIndex);
            }
            // The key explains each encoding once: coloured lines for series, grey samples for folders.
            foreach (var series in lines.GroupBy(l => l.SeriesIndex).Select(g => g.First()))
            {
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = series.Label, LineColor = Palette.ForSeries(series.SeriesIndex), LineWidth = 4 });
            }
            foreach (var column in compare.Columns)
            {
                var f = column.Number - 1;
                plot.Legend.ManualItems.Add(new LegendItem
                {
                    LabelText = $"{column.Legend} · {column.Name}",
                    LineColor = Palette.Reference,
                    LineWidth = Width(f),
                    LinePattern = Palette.Pattern(f),
                    MarkerShape = Palette.Marker(f),
                    MarkerSize = Size(f),
                    MarkerFillColor = Palette.Reference,
                    MarkerLineColor = Palette.Reference,
                });
            }
            LogTicks.Apply(plot.Axes.Bottom, xMin, xMax);
            LogTicks.Apply(plot.Axes.Left, yMin, yMax);
            // Room on the right for the last tick label of the log axis.
            plot.Axes.Right.MinimumSize = 35;
            plot.Legend.Alignment = Alignment.UpperLeft;
            plot.Legend.FontSize = 10;
            plot.ShowLegend();
            PlotStyle.Finish(plot);
            panels.Add(plot);
        }
        var note = shown.Count < variants.Count ? $" (the first {shown.Count} of {variants.Count} variants)" : "";
        var (columns, width, height) = Grid.For(panels.Count, 1400, 900, 720, 520);
        return new Figure("Connections held at once vs local port range size, one panel per variant, folders overlaid" + note,
            CompareSubtitle.Of(compare), panels, columns, width, height);
    }

    /// <summary>Folder 1 solid with big markers, later folders dashed with smaller, different markers drawn over it.</summary>
    /// <remarks>
    /// Series of one folder can coincide too (bind holds the range whatever the targets): later series
    /// are a little thinner and smaller, and later folders' markers have a white rim, so one inside
    /// another stays visible.
    /// </remarks>
    private static void FolderStyle(ScottPlot.Plottables.Scatter scatter, int folder, int series)
    {
        scatter.LineWidth = Math.Max(1, Width(folder) - 0.5f * series);
        scatter.LinePattern = Palette.Pattern(folder);
        scatter.MarkerShape = Palette.Marker(folder);
        scatter.MarkerSize = Math.Max(4, Size(folder) - 2.5f * series);
        if (folder > 0)
        {
            scatter.MarkerLineColor = Colors.White;
            scatter.MarkerLineWidth = 1;
        }
    }

    private static float Width(int folder) => Math.Max(1.2f, 3.2f - 0.9f * folder);

    private static float Size(int folder) => Math.Max(5, 13 - 4 * folder);
}
