using System.Globalization;
using System.Text;
using ConnStorm.Results;
using static ConnStorm.Plots.GnuplotText;

namespace ConnStorm.Plots;

/// <summary>
/// churn: one panel per churn run, successful connects per second over time (left axis) against
/// the lab's TIME_WAIT sockets (right axis), with the TIME_WAIT rule's rate (range / 60 s) dashed.
/// Only runs that churned and sampled TIME_WAIT (timeline.csv's time_wait has values) get a panel.
/// </summary>
internal sealed class ChurnPlot : PlotScript
{
    public const string RateColor = "#1f77b4";
    public const string TimeWaitColor = "#d62728";

    public override string Name => "churn";

    public override string? Build(PlotInput input)
    {
        var runs = input.Runs
            .Where(r => r.ChurnRatePerS is not null)
            .Where(r => HasTimeWait(input.FullPath(PlotInput.RelativeFile(r, RunRecorder.TimelineFile))))
            .ToList();
        if (runs.Count == 0)
        {
            return null;
        }
        var (grid, body) = Panels(runs, "Churn: successful connects per second and TIME_WAIT sockets over time, per run", input.Subtitle,
            "set grid\nset xlabel 't since first attempt (s)'\nset ylabel 'connects per second'\n" +
            "set y2label 'TIME_WAIT sockets in the lab'\nset ytics nomirror\nset y2tics\n" +
            "set xrange [0:*]\nset yrange [0:*]\nset format y '%.0f'\nset format y2 '%.0f'\n" +
            "set key above horizontal Left reverse font ',9' samplen 2 width 2\n",
            run => Panel(input, run), spaceAfterTitle: true);

        var pre = "# Connects are summed per bin of bin_s seconds (the 100 ms intervals are too spiky to read a rate from).\n"
            + "bin_s = 1.0\nbin(t) = floor(t / bin_s) * bin_s + bin_s / 2\n";
        return Frame("connects per second and TIME_WAIT sockets over time, one panel per churn run", grid.Width, grid.Height, pre, body);
    }

    private static string Panel(PlotInput input, RunRow run)
    {
        var file = PlotInput.RelativeFile(run, RunRecorder.TimelineFile);
        var full = input.FullPath(file);
        var header = CsvPeek.Header(full);
        int t = CsvPeek.Column(header, "t_ms");
        int established = CsvPeek.Column(header, "established");
        int timeWait = CsvPeek.Column(header, TimelineRow.TimeWaitColumn);
        double intervalS = IntervalSeconds(full);

        var range = run.PortRangeSize is { } size ? $", {size} ports" : "";
        var tw = run.TwReuse is { } w ? $", tw_reuse {w}" : "";
        var rate = run.ChurnRatePerS is { } r ? $", {Num(Math.Round(r))}/s sustained" : "";
        var sb = new StringBuilder();
        // Headroom above the highest TIME_WAIT count, so a plateau at the port range's size stays visible.
        sb.Append($"set y2range [0:{Num(Math.Max(CsvPeek.ColumnMax(full, [TimelineRow.TimeWaitColumn]), 10) * 1.15)}]\n");
        sb.Append($"set title {Title(PlotInput.RunId(run), $"{run.Close}{range}{tw}{rate}")}\n");
        var plots = new List<string>
        {
            // Interval i ends at t_ms, so it starts one interval earlier: that start picks its bin.
            $"{Quote(file)} every ::1 using (bin(column({t})/1000.0 - {Num(intervalS)})):(column({established})/bin_s) smooth frequency with histeps lw 2 lc rgb '{RateColor}' title 'connects per second (1 s bins)'",
            // A plain column number: an empty time_wait (not sampled) is skipped, not a break in the line.
            $"'' every ::1 using (column({t})/1000.0):{timeWait} axes x1y2 with lines lw 2 lc rgb '{TimeWaitColor}' title 'TIME_WAIT sockets (right axis)'",
        };
        if (run.ChurnRulePerS is { } rule)
        {
            // The rule's rate is far below a churn the rule does not bind, so it sits on the axis there: that is the point.
            plots.Add($"{Num(rule)} with lines dt 2 lw 2 lc rgb '{Palette.Reference}' title {Quote($"range / 60 s = {Num(rule)}/s")}");
        }
        sb.Append("plot \\\n  ").Append(string.Join(", \\\n  ", plots)).Append('\n');
        return sb.ToString();
    }

    /// <summary>Whether some row has a time_wait value (it is empty where nothing was sampled).</summary>
    private static bool HasTimeWait(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }
        int column = CsvPeek.Column(CsvPeek.Header(path), TimelineRow.TimeWaitColumn) - 1;
        if (column < 0)
        {
            return false;
        }
        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            var fields = line.Split(',');
            if (column < fields.Length && fields[column].Trim().Length > 0)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The timeline's interval in seconds, from the first row's end time (intervals start at 0).</summary>
    private static double IntervalSeconds(string path)
    {
        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        reader.ReadLine();
        var first = reader.ReadLine();
        return first is not null
            && double.TryParse(first.Split(',')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms > 0
            ? ms / 1000.0
            : 0.1;
    }
}
