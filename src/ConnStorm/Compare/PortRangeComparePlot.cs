using System.Globalization;
using System.Text;
using ConnStorm.Plots;
using static ConnStorm.Plots.GnuplotText;

namespace ConnStorm.Compare;

/// <summary>
/// port-range-compare: connections held at once against the port range size, log-log like port-range,
/// one line per folder × (variant, targets, source IPs). A series keeps its colour in every folder
/// and a folder keeps its dash and marker in every series, so equal results lie on top of each other
/// and a difference stands out as two lines of one colour.
/// </summary>
internal sealed class PortRangeComparePlot : ComparePlot
{
    public override string Name => "port-range-compare";

    public override (string Data, string Script)? Build(CompareReport report)
    {
        if (report.Kind != CompareKind.Runs)
        {
            return null;
        }
        var rows = report.Columns.SelectMany(c => c.Runs.Where(r => r.PortRangeSize is not null).Select(r => (Column: c, Row: r))).ToList();
        if (rows.Count == 0)
        {
            return null;
        }
        var series = rows.Select(x => (x.Row.Variant, x.Row.Targets, x.Row.SourceIps)).Distinct().ToList();

        // One block per (folder, series), separated by two blank lines: gnuplot's `index` picks a block.
        var data = new StringBuilder("# port_range_size,max_established; one block per folder and series, for `index N`\n");
        var lines = new List<string>();
        var block = 0;
        foreach (var column in report.Columns)
        {
            var f = column.Number - 1;
            for (var s = 0; s < series.Count; s++)
            {
                var points = column.Runs.Where(r => r.PortRangeSize is not null && (r.Variant, r.Targets, r.SourceIps) == series[s])
                    .OrderBy(r => r.PortRangeSize).ToList();
                if (points.Count == 0)
                {
                    continue;
                }
                data.Append(CultureInfo.InvariantCulture, $"# block {block}: {column.Legend} · {PortRangePlot.SeriesLabel(series[s].Variant, series[s].Targets, series[s].SourceIps)}\n");
                foreach (var r in points)
                {
                    data.Append(CultureInfo.InvariantCulture, $"{r.PortRangeSize},{r.MaxEstablished}\n");
                }
                data.Append("\n\n");
                // smooth unique averages repeats of a size, as port-range does.
                lines.Add($"{Quote(DataFile)} index {block} using 1:2 smooth unique with linespoints {FolderStyle(f)} lc rgb '{Palette.ForSeries(s)}' notitle");
                block++;
            }
        }

        var keys = new List<string>();
        // The key explains the two encodings once each: grey entries for folders, plain lines for series.
        foreach (var column in report.Columns)
        {
            keys.Add($"NaN with linespoints {FolderStyle(column.Number - 1)} lc rgb '{Palette.Reference}' title {Quote($"{column.Legend} · {column.Name}")}");
        }
        for (var s = 0; s < series.Count; s++)
        {
            keys.Add($"NaN with lines lw 4 lc rgb '{Palette.ForSeries(s)}' title {Quote(PortRangePlot.SeriesLabel(series[s].Variant, series[s].Targets, series[s].SourceIps))}");
        }

        var sizes = rows.Select(x => x.Row.PortRangeSize!.Value).ToList();
        var held = rows.Select(x => Math.Max(1, x.Row.MaxEstablished)).ToList();
        var dataMax = held.Max();
        // As in port-range: the 65535 line only where it does not squash the data into the bottom.
        var showReference = dataMax * 10 >= PortRangePlot.Reference;
        var body = new StringBuilder();
        body.Append($"set title {Title("Connections held at once vs local port range size, folders overlaid", Subtitle(report))}\n");
        body.Append("set xlabel 'ip_local_port_range size (ports)'\n");
        body.Append("set ylabel 'connections held at once (max_established)'\n");
        body.Append("set format x '%.0f'\nset format y '%.0f'\n");
        body.Append("set logscale xy\nset grid xtics ytics mxtics mytics\nset key outside right top box opaque\n");
        body.Append($"set xrange [{Num(sizes.Min() / 1.6)}:{Num(sizes.Max() * 1.6)}]\n");
        body.Append($"set yrange [{Num(held.Min() / 1.6)}:{Num(Math.Max(dataMax, showReference ? PortRangePlot.Reference : 1) * 1.8)}]\n");
        if (showReference)
        {
            body.Append($"set arrow 1 from graph 0, first {PortRangePlot.Reference} to graph 1, first {PortRangePlot.Reference} nohead dt 2 lw 1.5 lc rgb '{Palette.Reference}' front\n");
            body.Append($"set label 1 '{PortRangePlot.Reference}' at graph 0.99, first {PortRangePlot.Reference} right offset 0,0.7 tc rgb '{Palette.Reference}' front\n");
        }
        body.Append("plot \\\n  ").Append(string.Join(", \\\n  ", lines.Concat(keys))).Append('\n');

        var pre = $"# {DataFile} holds one block per folder and series; `index N` picks block N (see the '# block' comments).\n";
        return (data.ToString(), CompareFrame("connections held at once vs ip_local_port_range size, several folders overlaid", 1700, 950, pre, body.ToString()));
    }

    /// <summary>
    /// Folder 1 solid with big markers, later folders dashed with smaller, different markers: a marker
    /// inside a marker shows that two folders agree.
    /// </summary>
    private static string FolderStyle(int folder) =>
        $"dt {folder % 5 + 1} lw {Num(Math.Max(1.2, 3.2 - 0.9 * folder))} pt {Palette.PointType(folder)} ps {Num(Math.Max(0.8, 2.4 - 0.7 * folder))}";
}
