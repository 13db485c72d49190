using System.Globalization;
using System.Text;
using ConnStorm.Results;
using ConnStorm.Results.Csv;
using static ConnStorm.Plots.GnuplotText;

namespace ConnStorm.Plots;

/// <summary>
/// timeline: one panel per run, open connections over time (left axis) and failures per interval
/// by errno (right axis, only errnos that occur in that run).
/// </summary>
internal sealed class TimelinePlot : PlotScript
{
    public override string Name => "timeline";

    private static IReadOnlyList<string> ErrnoColumns => [.. TimelineRowWriter.ColumnNames.Skip(5).Where(c => c != TimelineRow.TimeWaitColumn)];

    public override string? Build(PlotInput input)
    {
        var runs = input.Runs.Where(r => File.Exists(input.FullPath(PlotInput.RelativeFile(r, RunRecorder.TimelineFile)))).ToList();
        if (runs.Count == 0)
        {
            return null;
        }
        // The key sits above each panel: inside, it would cover the rising line or the failures.
        var (grid, body) = Panels(runs, "Open connections and failures over time, per run", input.Subtitle,
            "set grid\nset xlabel 't since first attempt (s)'\nset ylabel 'open connections'\n" +
            "set yrange [0:*]\nset xrange [0:*]\nset format y '%.0f'\n" +
            "set key above horizontal Left reverse font ',9' samplen 2 width 2\n",
            run => Panel(input, run), spaceAfterTitle: true);

        var pre = "# Columns of timeline.csv: t_ms is column 1, open column 2; failures by errno from column 6.\n"
            + "c_t_ms = 1\nc_open = 2\n";
        return Frame("open connections and failures by errno over time, one panel per run", grid.Width, grid.Height, pre, body);
    }

    private static string Panel(PlotInput input, RunRow run)
    {
        var file = PlotInput.RelativeFile(run, RunRecorder.TimelineFile);
        var full = input.FullPath(file);
        var header = CsvPeek.Header(full);
        // Only errnos that happen in this run get a colour and a key entry.
        var errnos = CsvPeek.NonZeroColumns(full, ErrnoColumns);

        var sb = new StringBuilder();
        sb.Append($"set title {PlotInput.PanelTitle(run)}\n");
        if (errnos.Count > 0)
        {
            sb.Append($"set y2label {Quote($"failures per {IntervalText(full)}")}\n");
            // Counts are whole numbers: whole ticks, and headroom so the tallest impulse does not touch the key.
            var most = CsvPeek.ColumnMax(full, errnos);
            sb.Append($"set ytics nomirror\nset y2range [0:{Num(Math.Max(most, 1) * 1.25)}]\n");
            sb.Append(most <= 5 ? "set y2tics 1\n" : "set y2tics\nset format y2 '%.0f'\n");
        }
        else
        {
            sb.Append("unset y2label\nunset y2tics\nset ytics mirror\n");
        }
        var plots = new List<string>
        {
            $"{Quote(file)} every ::1 using (column(c_t_ms)/1000.0):(column(c_open)) with linespoints lw 2 pt 7 ps 0.4 lc rgb '{Palette.Open}' title 'open connections'",
        };
        foreach (var errno in errnos)
        {
            var c = CsvPeek.Column(header, errno);
            var color = Palette.ForErrno(errno);
            // Impulses show the count; a dot on top keeps a single failure visible.
            plots.Add($"'' every ::1 using (column(c_t_ms)/1000.0):(column({c})) axes x1y2 with impulses lw 2 lc rgb '{color}' title {Quote(errno + " failures")}");
            plots.Add($"'' every ::1 using (column(c_t_ms)/1000.0):(column({c}) > 0 ? column({c}) : NaN) axes x1y2 with points pt 7 ps 0.6 lc rgb '{color}' notitle");
        }
        if (errnos.Count == 0)
        {
            plots.Add("NaN with lines lc rgb '#ffffff' title '(no failures)'");
        }
        sb.Append("plot \\\n  ").Append(string.Join(", \\\n  ", plots)).Append('\n');
        return sb.ToString();
    }

    /// <summary>"100 ms interval", read from the first two rows' t_ms; "interval" when there are fewer.</summary>
    private static string IntervalText(string path)
    {
        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        reader.ReadLine();
        var first = reader.ReadLine();
        var second = reader.ReadLine();
        if (first is null || second is null
            || !double.TryParse(first.Split(',')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var t1)
            || !double.TryParse(second.Split(',')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var t2)
            || t2 <= t1)
        {
            return "interval";
        }
        return $"{Num(t2 - t1)} ms interval";
    }
}
