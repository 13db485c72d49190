using System.Globalization;
using System.Text;
using ConnStorm.Plots;
using static ConnStorm.Plots.GnuplotText;

namespace ConnStorm.Compare;

/// <summary>
/// port-range-compare: connections held at once against the port range size, log-log like port-range,
/// one panel per variant and in it one line per folder × (targets, source IPs). A sweep has a dozen
/// or more series: on one plot colours repeat and equal lines hide each other, so each variant gets
/// its own panel (same axes in all, so panels compare too). Within a panel a series keeps its colour
/// in every folder and a folder keeps its dash and marker, so agreeing folders draw a marker inside a
/// marker, and a difference shows as two lines of one colour.
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
        var rows = report.Columns.SelectMany(c => c.Runs.Where(r => r.PortRangeSize is not null)).ToList();
        if (rows.Count == 0)
        {
            return null;
        }
        var variants = rows.Select(r => r.Variant).Distinct(StringComparer.Ordinal).ToList();
        var grid = PanelGrid.For(variants.Count);
        var sizes = rows.Select(r => r.PortRangeSize!.Value).ToList();
        var held = rows.Select(r => Math.Max(1, r.MaxEstablished)).ToList();
        // As in port-range: the 65535 line only where it does not squash the data into the bottom.
        var showReference = held.Max() * 10 >= PortRangePlot.Reference;

        var body = new StringBuilder();
        var note = grid.Truncated ? $" (the first {grid.Shown} of {grid.Total} variants)" : "";
        body.Append($"set multiplot layout {grid.Rows},{grid.Columns} title {Title("Connections held at once vs local port range size, one panel per variant, folders overlaid" + note, Subtitle(report))}\n");
        body.Append("set xlabel 'ip_local_port_range size (ports)'\n");
        body.Append("set ylabel 'connections held at once'\n");
        body.Append("set format x '%.0f'\nset format y '%.0f'\n");
        body.Append("set logscale xy\nset grid xtics ytics mxtics mytics\n");
        body.Append("set key top left Left reverse box opaque font ',9' samplen 3 spacing 1.1\n");
        // Fixed ranges with headroom, the same in every panel, so panels can be compared by eye.
        body.Append($"set xrange [{Num(sizes.Min() / 1.6)}:{Num(sizes.Max() * 1.6)}]\n");
        body.Append($"set yrange [{Num(held.Min() / 1.6)}:{Num(Math.Max(held.Max(), showReference ? PortRangePlot.Reference : 1) * 4)}]\n");
        if (showReference)
        {
            body.Append($"set arrow 1 from graph 0, first {PortRangePlot.Reference} to graph 1, first {PortRangePlot.Reference} nohead dt 2 lw 1.5 lc rgb '{Palette.Reference}' front\n");
            body.Append($"set label 1 '{PortRangePlot.Reference}' at graph 0.99, first {PortRangePlot.Reference} right offset 0,0.7 tc rgb '{Palette.Reference}' front\n");
        }

        // One block per (variant, folder, series), separated by two blank lines: `index N` picks one.
        var data = new StringBuilder("# port_range_size,max_established; one block per variant, folder and series, for `index N`\n");
        var block = 0;
        foreach (var variant in variants.Take(grid.Shown))
        {
            var series = rows.Where(r => r.Variant == variant).Select(r => (r.Targets, r.SourceIps)).Distinct().ToList();
            var lines = new List<string>();
            foreach (var column in report.Columns)
            {
                var f = column.Number - 1;
                for (var s = 0; s < series.Count; s++)
                {
                    var points = column.Runs.Where(r => r.PortRangeSize is not null && r.Variant == variant && (r.Targets, r.SourceIps) == series[s])
                        .OrderBy(r => r.PortRangeSize).ToList();
                    if (points.Count == 0)
                    {
                        continue;
                    }
                    data.Append(CultureInfo.InvariantCulture, $"# block {block}: {PortRangePlot.SeriesLabel(variant, series[s].Targets, series[s].SourceIps)} · {column.Legend}\n");
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
            // The key explains each encoding once: coloured lines for series, grey samples for folders.
            for (var s = 0; s < series.Count; s++)
            {
                lines.Add($"NaN with lines lw 4 lc rgb '{Palette.ForSeries(s)}' title {Quote(SeriesLabel(series[s].Targets, series[s].SourceIps))}");
            }
            foreach (var column in report.Columns)
            {
                lines.Add($"NaN with linespoints {FolderStyle(column.Number - 1)} lc rgb '{Palette.Reference}' title {Quote($"{column.Legend} · {column.Name}")}");
            }
            body.Append($"\nset title {Quote(variant)}\n");
            body.Append("plot \\\n  ").Append(string.Join(", \\\n  ", lines)).Append('\n');
        }
        body.Append("unset multiplot\n");

        var pre = $"# {DataFile} holds one block per variant, folder and series; `index N` picks block N (see the '# block' comments).\n";
        return (data.ToString(), CompareFrame("connections held at once vs ip_local_port_range size, several folders overlaid", grid.Width, grid.Height, pre, body.ToString()));
    }

    /// <summary>"3 targets, 1 source IP": the variant is the panel's title.</summary>
    private static string SeriesLabel(int targets, int sourceIps)
    {
        var sources = sourceIps == 0 ? "kernel-chosen source IP" : PlotInput.Plural(sourceIps, "source IP");
        return $"{PlotInput.Plural(targets, "target")}, {sources}";
    }

    /// <summary>
    /// Folder 1 solid with big markers, later folders dashed with smaller, different markers drawn
    /// over it: a marker inside a marker shows that two folders agree.
    /// </summary>
    private static string FolderStyle(int folder) =>
        $"dt {folder % 5 + 1} lw {Num(Math.Max(1.2, 3.2 - 0.9 * folder))} pt {Palette.PointType(folder)} ps {Num(Math.Max(0.7, 2.2 - 0.7 * folder))}";
}
