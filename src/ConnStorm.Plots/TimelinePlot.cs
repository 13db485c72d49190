using System.Globalization;
using ConnStorm.Results;
using ConnStorm.Results.Reductions;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace ConnStorm.Plots;

/// <summary>
/// timeline: one panel per run, open connections over time (left axis) and failures per interval by
/// errno (right axis, only errnos that occur in that run), the key above each panel so it covers neither.
/// A cluster run (a run folder with hosts/) gets a line per host under the total, all on the common clock.
/// </summary>
internal sealed class TimelinePlot : IPlot
{
    public string Name => "timeline";

    public Figure? Build(ResultsModel results)
    {
        var runs = results.Runs.Where(r => results.HasRunFile(r, ResultFiles.Timeline)).ToList();
        if (runs.Count == 0)
        {
            return null;
        }
        var picked = PanelPick.Runs(runs);
        var panels = picked.Select(run => Panel(run, results.Timeline(run), HostSeries.Of(results.HostTimelines(run)))).ToList();
        var (columns, width, height) = Grid.For(panels.Count, 1920, 1360);
        return new Figure("Open connections and failures over time, per run" + PanelPick.Note(picked.Count, runs.Count),
            Labels.Subtitle(results.Manifest), panels, columns, width, height);
    }

    private static Plot Panel(RunRow run, IReadOnlyList<TimelineRow> timeline, IReadOnlyList<HostSeries> hosts)
    {
        var xLabel = hosts.Count > 0 ? "t since the common start (s)" : "t since first attempt (s)";
        var plot = PlotStyle.NewPanel($"{Labels.RunId(run)}\n{Labels.RunSetup(run)}", xLabel, "open connections");
        for (var i = 0; i < hosts.Count; i++)
        {
            var host = hosts[i];
            // Series colour 0 is the total's; hosts take the next ones, dashed so the total stays the eye's anchor.
            var hostLine = plot.Add.Scatter(host.Open.Select(p => p.X).ToArray(), host.Open.Select(p => p.Y).ToArray(), Palette.ForSeries(i + 1));
            hostLine.LineWidth = 1.5f;
            // A marker per interval: a host lost after one interval is still a visible point.
            hostLine.MarkerSize = 4;
            hostLine.MarkerShape = Palette.Marker(i + 1);
            hostLine.LinePattern = Palette.Pattern(i % 3 + 1);
            hostLine.LegendText = $"host {host.Host}";
        }
        var open = FailureSeries.Open(timeline);
        var line = plot.Add.Scatter(open.Select(p => p.X).ToArray(), open.Select(p => p.Y).ToArray(), Palette.Open);
        line.LineWidth = 2;
        line.MarkerSize = 3;
        line.LegendText = hosts.Count > 0 ? "open connections, all hosts" : "open connections";
        PlotStyle.WholeNumbers(plot.Axes.Left);

        var failures = FailureSeries.Of(timeline);
        var intervalMs = FailureSeries.IntervalMs(timeline);
        double most = 1;
        foreach (var errno in failures)
        {
            var color = Palette.ForErrno(errno.Errno);
            // Impulses show the count; a dot on top keeps a single failure visible.
            var width = Math.Min((intervalMs ?? 100) / 1000.0 * 0.35, (timeline.Count > 0 ? timeline[^1].TMs / 1000.0 : 1) / 250);
            var bars = plot.Add.Bars(errno.Counts.Select(p => new Bar { Position = p.X, Value = p.Y, Size = width, FillColor = color, LineWidth = 0 }).ToArray());
            bars.Axes.YAxis = plot.Axes.Right;
            var dots = plot.Add.Markers(errno.Counts.Select(p => p.X).ToArray(), errno.Counts.Select(p => p.Y).ToArray(), MarkerShape.FilledCircle, 4, color);
            dots.Axes.YAxis = plot.Axes.Right;
            dots.LegendText = $"{errno.Errno} failures";
            most = Math.Max(most, errno.Counts.Max(p => p.Y));
        }
        if (failures.Count > 0)
        {
            var interval = intervalMs is { } ms ? $"{ms.ToString("0.###", CultureInfo.InvariantCulture)} ms interval" : "interval";
            PlotStyle.RightAxis(plot, $"failures per {interval}");
            // Counts are whole numbers: whole ticks, and headroom so the tallest impulse stays clear of the top.
            plot.Axes.Right.TickGenerator = most <= 5 ? new NumericFixedInterval(1) : new NumericAutomatic { IntegerTicksOnly = true };
            plot.Axes.Right.Min = 0;
            plot.Axes.Right.Max = most * 1.25;
        }
        else
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "(no failures)" });
        }
        var tMax = Math.Max(timeline.Count > 0 ? timeline.Max(r => r.TMs) / 1000.0 : 1,
            hosts.SelectMany(h => h.Open).Select(p => p.X).DefaultIfEmpty(0).Max());
        var openMax = timeline.Count > 0 ? timeline.Max(r => r.Open) : 1;
        plot.Axes.SetLimitsX(0, tMax * 1.02);
        plot.Axes.SetLimitsY(0, Math.Max(1, openMax) * 1.05);
        PlotStyle.LegendAbove(plot);
        PlotStyle.Finish(plot);
        return plot;
    }
}
