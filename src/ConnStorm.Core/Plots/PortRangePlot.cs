using System.Text;
using ConnStorm.Results;
using static ConnStorm.Plots.GnuplotText;

namespace ConnStorm.Plots;

/// <summary>
/// port-range: connections held at once against the size of ip_local_port_range, one line per
/// (variant, targets, source IPs), with the port rules' prediction as hollow markers.
/// </summary>
internal sealed class PortRangePlot : PlotScript
{
    /// <summary>The number people expect as "the" limit; drawn for reference.</summary>
    public const long Reference = 65535;

    public override string Name => "port-range";

    public override string? Build(PlotInput input)
    {
        var rows = input.Runs.Where(r => r.PortRangeSize is not null).ToList();
        if (rows.Count == 0)
        {
            return null;
        }
        var h = input.RunsHeader;
        string[] needed = ["variant", "targets", "source_ips", "port_range_size", "attempted", "max_established", "predicted_limit"];
        if (needed.FirstOrDefault(n => CsvPeek.Column(h, n) == 0) is { } missing)
        {
            throw new InvalidDataException($"runs.csv has no column {missing}");
        }

        var series = rows.Select(r => (r.Variant, r.Targets, r.SourceIps)).Distinct().ToList();
        // A line joins the mean of runs that repeat a size; the single runs then show as dots.
        var repeats = rows.GroupBy(r => (r.Variant, r.Targets, r.SourceIps, r.PortRangeSize)).Any(g => g.Count() > 1);
        // A rule is drawn only where the run attempted past it: elsewhere the run never tested it.
        bool Tested(RunRow r) => r.PredictedLimit is { } p && r.Attempted > p;
        var dataMax = rows.Max(r => Math.Max(r.MaxEstablished, Tested(r) ? r.PredictedLimit!.Value : 0));
        var dataMin = Math.Max(1, rows.Min(r => Math.Max(1, r.MaxEstablished)));
        // Below a tenth of 65535 the reference line would squash the data into the bottom of the plot.
        var showReference = dataMax * 10 >= Reference;

        var pre = new StringBuilder();
        pre.Append("# Columns of runs.csv, numbered as gnuplot counts them.\n");
        foreach (var name in needed)
        {
            pre.Append($"c_{name} = {CsvPeek.Column(h, name)}\n");
        }
        pre.Append("\n# True when the current runs.csv row belongs to the series (variant, targets, source IPs).\n");
        pre.Append("in_series(variant, targets, source_ips) = strcol(c_variant) eq variant && column(c_targets) == targets && column(c_source_ips) == source_ips\n");

        var body = new StringBuilder();
        body.Append($"set title {Title("Connections held at once vs local port range size", input.Subtitle)}\n");
        body.Append("set xlabel 'ip_local_port_range size (ports)'\n");
        body.Append("set ylabel 'connections held at once (max_established)'\n");
        body.Append("set format x '%.0f'\nset format y '%.0f'\n");
        // Limits grow as products of range, destinations and source IPs: on log-log axes every
        // series is a straight line and the small ranges are not squashed into a corner.
        body.Append("set logscale xy\nset grid xtics ytics mxtics mytics\nset key outside right top box opaque\n");
        // Fixed ranges with headroom: autoscale would put the largest points on the border, half hidden.
        body.Append($"set xrange [{Num(rows.Min(r => r.PortRangeSize!.Value) / 1.6)}:{Num(rows.Max(r => r.PortRangeSize!.Value) * 1.6)}]\n");
        if (showReference)
        {
            body.Append($"set yrange [{Num(dataMin / 1.6)}:{Num(Math.Max(dataMax, Reference) * 1.8)}]\n");
            body.Append($"set arrow 1 from graph 0, first {Reference} to graph 1, first {Reference} nohead dt 2 lw 1.5 lc rgb '{Palette.Reference}' front\n");
            body.Append($"set label 1 '{Reference}' at graph 0.99, first {Reference} right offset 0,0.7 tc rgb '{Palette.Reference}' front\n");
        }
        else
        {
            body.Append($"set yrange [{Num(dataMin / 1.6)}:{Num(Math.Max(dataMax, 1) * 1.8)}]\n");
            body.Append($"set label 1 'the {Reference} reference line is off the scale (every value is below {Reference / 10})' at graph 0.99, graph 0.03 right tc rgb '{Palette.Reference}' front\n");
        }

        // The run that answers the myth, labelled where a reader looks first.
        var largest = rows.MaxBy(r => r.MaxEstablished)!;
        if (showReference && largest.MaxEstablished > Reference)
        {
            string held = largest.MaxEstablished.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
            string from = PlotInput.Plural(Math.Max(1, largest.SourceIps), "source IP");
            body.Append($"set label 2 {Quote($"run {largest.Run}: {held} held at once from {from}")} at first {largest.PortRangeSize}, first {largest.MaxEstablished} right offset -1.5,0 front\n");
            body.Append($"set object 1 circle at first {largest.PortRangeSize}, first {largest.MaxEstablished} size screen 0.008 fc rgb '{Palette.Reference}' fs solid front\n");
        }

        var plots = new List<string>();
        // Rings go on top of every series, so no later series covers them.
        var rules = new List<string>();
        pre.Append("\n# Each series' rows of runs.csv, picked out once (rows of a series need not be adjacent,\n");
        pre.Append("# and a line through filtered-out rows would break). Columns: size, held, predicted limit.\n");
        for (var i = 0; i < series.Count; i++)
        {
            var (variant, targets, sourceIps) = series[i];
            var color = Palette.ForSeries(i);
            // Series often coincide (connect to 1 target holds what bind does): each has its own
            // marker, and earlier ones are drawn bigger, so a marker inside a marker shows both.
            var point = Palette.PointType(i);
            var size = Num(Math.Max(0.8, 2.4 - 0.55 * i));
            var width = Num(Math.Max(1.5, 4 - 0.8 * i));
            // Dashes let an overlapped line show through the gaps of the ones drawn over it.
            var dash = i % 4 + 1;
            var filter = $"in_series({Quote(variant)}, {targets}, {sourceIps})";
            pre.Append($"set table $series{i} separator comma\n");
            pre.Append($"plot 'runs.csv' every ::1 using (column(c_port_range_size)):(column(c_max_established)) with table if ({filter})\n");
            pre.Append("unset table\n");
            // smooth unique sorts by size (runs.csv is in run order) and averages repeats.
            plots.Add($"$series{i} using 1:2 smooth unique with linespoints lw {width} dt {dash} pt {point} ps {size} lc rgb '{color}' title {Quote(SeriesLabel(variant, targets, sourceIps))}");
            if (repeats)
            {
                plots.Add($"$series{i} using 1:2 with points pt 7 ps 0.6 lc rgb '{color}' notitle");
            }
            if (rows.Any(r => Tested(r) && (r.Variant, r.Targets, r.SourceIps) == series[i]))
            {
                pre.Append($"set table $rule{i} separator comma\n");
                pre.Append($"plot 'runs.csv' every ::1 using (column(c_port_range_size)):(column(c_predicted_limit)) with table if ({filter} && column(c_attempted) > column(c_predicted_limit))\n");
                pre.Append("unset table\n");
                rules.Add($"$rule{i} using 1:2 with points pt 6 ps 3 lw 1 lc rgb '{color}' notitle");
            }
        }
        plots.AddRange(rules);
        if (repeats)
        {
            plots.Add($"NaN with points pt 7 ps 0.6 lc rgb '{Palette.Reference}' title 'single run (lines join the mean of repeats)'");
        }
        if (rows.Any(Tested))
        {
            plots.Add($"NaN with points pt 6 ps 3 lw 1 lc rgb '{Palette.Reference}' title 'rule: limit predicted by the port rules (ring)'");
        }
        body.Append("plot \\\n  ").Append(string.Join(", \\\n  ", plots)).Append('\n');

        return Frame("connections held at once vs ip_local_port_range size", 1600, 900, pre.ToString(), body.ToString());
    }

    /// <summary>"connect, 4 targets, 1 source IP".</summary>
    public static string SeriesLabel(string variant, int targets, int sourceIps)
    {
        var sources = sourceIps == 0 ? "kernel-chosen source IP" : PlotInput.Plural(sourceIps, "source IP");
        return $"{variant}, {PlotInput.Plural(targets, "target")}, {sources}";
    }
}
