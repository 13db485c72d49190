using System.Globalization;
using ConnStorm.Results;
using ConnStorm.Results.Reductions;
using ScottPlot;

namespace ConnStorm.Plots;

/// <summary>
/// port-range: connections held at once against the size of ip_local_port_range, log-log (limits grow
/// as products of range, destinations and source IPs, so every series is a straight line), one line per
/// (variant, targets, source IPs), the port rules' prediction as rings where a run attempted past it,
/// and 65535, the number people expect as "the" limit, for reference.
/// </summary>
internal sealed class PortRangePlot : IPlot
{
    public const long Reference = 65535;

    public string Name => "port-range";

    public Figure? Build(ResultsModel results)
    {
        var rows = results.Runs.Where(r => r.PortRangeSize is not null).ToList();
        if (rows.Count == 0)
        {
            return null;
        }
        var series = PortRangeSeries.Of(rows);
        var repeats = PortRangeSeries.HasRepeats(rows);
        double dataMax = rows.Max(r => Math.Max(r.MaxEstablished, PortRangeSeries.Tested(r) ? r.PredictedLimit!.Value : 0));
        double dataMin = rows.Min(r => Math.Max(1, r.MaxEstablished));
        // Below a tenth of 65535 the reference line would squash the data into the bottom of the plot.
        var showReference = dataMax * 10 >= Reference;

        var plot = PlotStyle.NewPanel("", "ip_local_port_range size (ports)", "connections held at once (max_established)");
        double xMin = rows.Min(r => r.PortRangeSize!.Value) / 1.6, xMax = rows.Max(r => r.PortRangeSize!.Value) * 1.6;
        double yMin = dataMin / 1.6, yMax = Math.Max(dataMax, showReference ? Reference : 1) * 1.8;

        if (showReference)
        {
            plot.Add.HorizontalLine(LogTicks.Log(Reference), 1.5f, Palette.Reference, LinePattern.Dashed);
            var label = plot.Add.Text($"{Reference}", LogTicks.Log(xMax), LogTicks.Log(Reference));
            label.Alignment = Alignment.LowerRight;
            label.LabelFontColor = Palette.Reference;
            label.LabelFontSize = 12;
            label.OffsetX = -6;
        }
        else
        {
            var note = plot.Add.Text($"the {Reference} reference line is off the scale (every value is below {Reference / 10})", LogTicks.Log(xMax), LogTicks.Log(yMin));
            note.Alignment = Alignment.LowerRight;
            note.LabelFontColor = Palette.Reference;
            note.OffsetX = -6;
            note.OffsetY = -6;
        }

        // The run that answers the myth, labelled where a reader looks first.
        var largest = rows.MaxBy(r => r.MaxEstablished)!;
        if (showReference && largest.MaxEstablished > Reference)
        {
            double x = LogTicks.Log(largest.PortRangeSize!.Value), y = LogTicks.Log(largest.MaxEstablished);
            // Under the series, so the run's own marker still shows on it.
            plot.Add.Marker(x, y, MarkerShape.FilledCircle, 22, Palette.Reference.WithAlpha(0.45));
            var held = largest.MaxEstablished.ToString("N0", CultureInfo.InvariantCulture);
            var text = plot.Add.Text($"run {largest.Run}: {held} held at once from {Labels.Plural(Math.Max(1, largest.SourceIps), "source IP")}", x, y);
            text.Alignment = Alignment.MiddleRight;
            text.OffsetX = -16;
            text.LabelFontSize = 13;
            text.LabelBackgroundColor = Colors.White.WithAlpha(0.85);
        }

        for (var i = 0; i < series.Count; i++)
        {
            var s = series[i];
            var color = Palette.ForSeries(i);
            // Series often coincide (connect to 1 target holds what bind does): each has its own marker,
            // and earlier ones are bigger and drawn first, so a marker inside a marker shows both.
            var line = plot.Add.Scatter(Logs(s.Means, p => p.X), Logs(s.Means, p => p.Y), color);
            line.LineWidth = Math.Max(1.5f, 4 - 0.8f * i);
            line.LinePattern = Palette.Pattern(i);
            line.MarkerShape = Palette.Marker(i);
            line.MarkerSize = Math.Max(6, 15 - 3 * i);
            line.LegendText = s.Label;
            if (repeats)
            {
                var singles = plot.Add.Markers(Logs(s.Singles, p => p.X), Logs(s.Singles, p => p.Y), MarkerShape.FilledCircle, 5, color);
                singles.LegendText = "";
            }
        }
        // Rings go on top of every series, so no later series covers them.
        for (var i = 0; i < series.Count; i++)
        {
            if (series[i].Rules.Count > 0)
            {
                var rings = plot.Add.Markers(Logs(series[i].Rules, p => p.X), Logs(series[i].Rules, p => p.Y), MarkerShape.OpenCircle, 20, Palette.ForSeries(i));
                rings.MarkerLineWidth = 1.2f;
            }
        }
        if (repeats)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "single run (lines join the mean of repeats)", MarkerShape = MarkerShape.FilledCircle, MarkerSize = 6, MarkerFillColor = Palette.Reference, MarkerLineColor = Palette.Reference });
        }
        if (rows.Any(PortRangeSeries.Tested))
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "rule: limit predicted by the port rules (ring)", MarkerShape = MarkerShape.OpenCircle, MarkerSize = 14, MarkerLineColor = Palette.Reference, MarkerLineWidth = 1.2f });
        }

        LogTicks.Apply(plot.Axes.Bottom, xMin, xMax);
        LogTicks.Apply(plot.Axes.Left, yMin, yMax);
        plot.ShowLegend(Edge.Right);
        PlotStyle.Finish(plot);
        return Figure.Single("Connections held at once vs local port range size", Labels.Subtitle(results.Manifest), plot, 1600, 900);
    }

    private static double[] Logs(IReadOnlyList<Results.Reductions.Point> points, Func<Results.Reductions.Point, double> pick) => [.. points.Select(p => LogTicks.Log(pick(p)))];
}
