using System.Globalization;
using ConnStorm.Results;
using ConnStorm.Results.Reductions;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace ConnStorm.Plots;

/// <summary>
/// proxy-capacity: end-to-end echoed connections a proxy carried (max_established) for each (port range,
/// backends), one line per proxy_source, with the port rule's capacity (range × backends × source
/// addresses) as rings. Only for runs with proxy columns.
/// </summary>
internal sealed class ProxyCapacityPlot : IPlot
{
    public string Name => "proxy-capacity";

    public Figure? Build(ResultsModel results)
    {
        if (ProxyCapacity.Of(results.Runs) is not { } data)
        {
            return null;
        }
        var plot = PlotStyle.NewPanel("", "lab port range (ip_local_port_range) and backends behind the proxy", "connections carried end to end (max_established)");
        for (var i = 0; i < data.Sources.Count; i++)
        {
            var source = data.Sources[i];
            var color = Palette.ForSeries(i);
            var line = plot.Add.Scatter(source.Carried.Select(p => p.X).ToArray(), source.Carried.Select(p => p.Y).ToArray(), color);
            line.LineWidth = 3;
            line.MarkerShape = Palette.Marker(i);
            line.MarkerSize = 11;
            line.LegendText = source.Label;
            foreach (var p in source.Carried)
            {
                var label = plot.Add.Text(p.Y.ToString("0", CultureInfo.InvariantCulture), p.X, p.Y);
                label.Alignment = Alignment.LowerCenter;
                label.OffsetY = -12;
                label.LabelFontColor = color;
                label.LabelFontSize = 12;
            }
        }
        for (var i = 0; i < data.Sources.Count; i++)
        {
            var rule = data.Sources[i].Rule;
            var rings = plot.Add.Markers(rule.Select(p => p.X).ToArray(), rule.Select(p => p.Y).ToArray(), MarkerShape.OpenCircle, 22, Palette.ForSeries(i));
            rings.MarkerLineWidth = 1.5f;
        }
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "rule: ports × backends × source addresses (ring)", MarkerShape = MarkerShape.OpenCircle, MarkerSize = 14, MarkerLineColor = Palette.Reference, MarkerLineWidth = 1.5f });

        var ticks = new NumericManual();
        for (var i = 0; i < data.Slots.Count; i++)
        {
            ticks.AddMajor(i, $"{data.Slots[i].Range} ports, {Labels.Plural(data.Slots[i].Backends, "backend")}");
        }
        plot.Axes.Bottom.TickGenerator = ticks;
        PlotStyle.WholeNumbers(plot.Axes.Left);
        var top = data.Sources.SelectMany(s => s.Carried.Concat(s.Rule)).Max(p => p.Y);
        plot.Axes.SetLimits(-0.5, data.Slots.Count - 0.5, 0, Math.Max(1, top) * 1.2);
        plot.Legend.Alignment = Alignment.UpperLeft;
        plot.ShowLegend();
        PlotStyle.Finish(plot);
        return Figure.Single("Proxy capacity: echoed connections carried through HAProxy", Labels.Subtitle(results.Manifest), plot, 1400, 850);
    }
}
