using System.Globalization;
using ConnStorm.Results;
using ConnStorm.Results.Reductions;
using ScottPlot;

namespace ConnStorm.Plots;

/// <summary>
/// churn: one panel per churn run, successful connects per second over time in 1 s bins (left axis)
/// against the lab's TIME_WAIT sockets (right axis), with the TIME_WAIT rule's rate (range / 60 s)
/// dashed. Only runs that churned and sampled TIME_WAIT get a panel.
/// </summary>
internal sealed class ChurnPlot : IPlot
{
    public static readonly Color Rate = Color.FromHex("#1f77b4");
    public static readonly Color TimeWait = Color.FromHex("#d62728");

    public string Name => "churn";

    public Figure? Build(ResultsModel results)
    {
        var runs = results.Runs.Where(r => r.ChurnRatePerS is not null)
            .Select(r => (Run: r, Timeline: results.Timeline(r)))
            .Where(r => ChurnSeries.HasTimeWait(r.Timeline))
            .ToList();
        if (runs.Count == 0)
        {
            return null;
        }
        var picked = PanelPick.Runs([.. runs.Select(r => r.Run)]);
        var panels = runs.Where(r => picked.Contains(r.Run)).Select(r => Panel(r.Run, ChurnSeries.Of(r.Timeline))).ToList();
        var (columns, width, height) = Grid.For(panels.Count, 1400, 900, 480, 430);
        return new Figure("Churn: successful connects per second and TIME_WAIT sockets over time, per run" + PanelPick.Note(picked.Count, runs.Count),
            Labels.Subtitle(results.Manifest), panels, columns, width, height);
    }

    private static Plot Panel(RunRow run, ChurnSeries churn)
    {
        var range = run.PortRangeSize is { } size ? $", {size} ports" : "";
        var tw = run.TwReuse is { } w ? $", tw_reuse {w}" : "";
        var rate = run.ChurnRatePerS is { } r ? $", {Math.Round(r).ToString(CultureInfo.InvariantCulture)}/s sustained" : "";
        var plot = PlotStyle.NewPanel($"{Labels.RunId(run)}\n{run.Close}{range}{tw}{rate}", "t since first attempt (s)", "connects per second");
        PlotStyle.WholeNumbers(plot.Axes.Left);

        var bins = churn.ConnectsPerSecond;
        if (bins.Count > 0)
        {
            // A step per bin: x is the bin's start, and a last point closes the last bin.
            var xs = bins.Select(p => p.X - ChurnSeries.BinSeconds / 2).Append(bins[^1].X + ChurnSeries.BinSeconds / 2).ToArray();
            var ys = bins.Select(p => p.Y).Append(bins[^1].Y).ToArray();
            var steps = plot.Add.ScatterLine(xs, ys, Rate);
            steps.ConnectStyle = ConnectStyle.StepHorizontal;
            steps.LineWidth = 2;
            steps.LegendText = "connects per second (1 s bins)";
        }
        var tws = plot.Add.ScatterLine(churn.TimeWait.Select(p => p.X).ToArray(), churn.TimeWait.Select(p => p.Y).ToArray(), TimeWait);
        tws.LineWidth = 2;
        tws.Axes.YAxis = plot.Axes.Right;
        tws.LegendText = "TIME_WAIT sockets (right axis)";
        if (run.ChurnRulePerS is { } rule)
        {
            // The rule's rate is far below a churn the rule does not bind, so it sits on the axis there: that is the point.
            var line = plot.Add.HorizontalLine(rule, 2, Palette.Reference, LinePattern.Dashed);
            line.LegendText = $"range / 60 s = {rule.ToString("0.##", CultureInfo.InvariantCulture)}/s";
        }
        PlotStyle.RightAxis(plot, "TIME_WAIT sockets in the lab");
        PlotStyle.WholeNumbers(plot.Axes.Right);
        // Headroom above the highest TIME_WAIT count, so a plateau at the port range's size stays visible.
        plot.Axes.Right.Min = 0;
        plot.Axes.Right.Max = Math.Max(churn.TimeWait.Count > 0 ? churn.TimeWait.Max(p => p.Y) : 0, 10) * 1.15;
        var top = Math.Max(bins.Count > 0 ? bins.Max(p => p.Y) : 1, run.ChurnRulePerS ?? 0);
        var end = Math.Max(bins.Count > 0 ? bins[^1].X + ChurnSeries.BinSeconds / 2 : 1, churn.TimeWait.Count > 0 ? churn.TimeWait[^1].X : 1);
        plot.Axes.SetLimitsX(0, end);
        plot.Axes.SetLimitsY(0, Math.Max(1, top) * 1.1);
        PlotStyle.LegendAbove(plot);
        PlotStyle.Finish(plot);
        return plot;
    }
}
