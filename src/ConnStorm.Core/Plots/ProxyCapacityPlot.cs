using System.Text;
using ConnStorm.Results;
using static ConnStorm.Plots.GnuplotText;

namespace ConnStorm.Plots;

/// <summary>
/// proxy-capacity: end-to-end echoed connections a proxy carried (max_established) for each
/// (port range, backends), one line per proxy_source, with the port rule's capacity
/// (range × backends × source addresses) as rings. Only for runs with proxy columns.
/// </summary>
internal sealed class ProxyCapacityPlot : PlotScript
{
    public override string Name => "proxy-capacity";

    public override string? Build(PlotInput input)
    {
        var rows = input.Runs.Where(r => r.ProxyBackends is not null && r.ProxySource is not null).ToList();
        if (rows.Count == 0)
        {
            return null;
        }
        // One x position per (range, backends), ranges outer: "what lifts it" reads left to right.
        var slots = rows.Select(r => (Range: r.PortRangeSize ?? 0, Backends: r.ProxyBackends!.Value)).Distinct()
            .OrderBy(s => s.Range).ThenBy(s => s.Backends).ToList();
        var sources = rows.Select(r => r.ProxySource!).Distinct().ToList();

        var pre = new StringBuilder();
        pre.Append("# The runs, one data block per proxy_source: x slot, max_established, rule (range x backends x sources).\n");
        for (int i = 0; i < sources.Count; i++)
        {
            pre.Append($"$source{i} << EOD\n");
            foreach (var r in rows.Where(r => r.ProxySource == sources[i]).OrderBy(r => slots.IndexOf((r.PortRangeSize ?? 0, r.ProxyBackends!.Value))))
            {
                int x = slots.IndexOf((r.PortRangeSize ?? 0, r.ProxyBackends!.Value));
                long rule = (long)(r.PortRangeSize ?? 0) * r.ProxyBackends!.Value * SourceCount(r.ProxySource!);
                pre.Append($"{x},{r.MaxEstablished},{rule}\n");
            }
            pre.Append("EOD\n");
        }

        long top = rows.Max(r => Math.Max(r.MaxEstablished, (long)(r.PortRangeSize ?? 0) * r.ProxyBackends!.Value * SourceCount(r.ProxySource!)));
        var body = new StringBuilder();
        body.Append($"set title {Title("Proxy capacity: echoed connections carried through HAProxy", input.Subtitle)}\n");
        body.Append("set xlabel 'lab port range (ip_local_port_range) and backends behind the proxy'\n");
        body.Append("set ylabel 'connections carried end to end (max_established)'\n");
        body.Append("set grid ytics\nset format y '%.0f'\nset key top left box opaque\n");
        body.Append($"set xrange [-0.5:{Num(slots.Count - 0.5)}]\nset yrange [0:{Num(top * 1.2)}]\n");
        var tics = slots.Select((s, i) => $"{Quote($"{s.Range} ports, {PlotInput.Plural(s.Backends, "backend")}")} {i}");
        body.Append($"set xtics ({string.Join(", ", tics)})\n");
        body.Append("set bmargin 5\n");
        var plots = new List<string>();
        for (int i = 0; i < sources.Count; i++)
        {
            string color = Palette.ForSeries(i);
            plots.Add($"$source{i} using 1:2 with linespoints lw 3 pt {Palette.PointType(i)} ps 1.8 lc rgb '{color}' title {Quote($"proxy source: {SourceLabel(sources[i])}")}");
            plots.Add($"$source{i} using 1:2:(sprintf('%d', $2)) with labels offset 0,1.2 tc rgb '{color}' notitle");
        }
        for (int i = 0; i < sources.Count; i++)
        {
            plots.Add($"$source{i} using 1:3 with points pt 6 ps 3.2 lw 1.5 lc rgb '{Palette.ForSeries(i)}' notitle");
        }
        plots.Add($"NaN with points pt 6 ps 3.2 lw 1.5 lc rgb '{Palette.Reference}' title 'rule: ports x backends x source addresses (ring)'");
        body.Append("plot \\\n  ").Append(string.Join(", \\\n  ", plots)).Append('\n');
        return Frame("echoed connections carried through HAProxy against port range and backends, one line per proxy source", 1400, 850, pre.ToString(), body.ToString());
    }

    /// <summary>"none" and one address count 1; "A-B" counts the addresses from A to B.</summary>
    internal static int SourceCount(string source)
    {
        try
        {
            return source == "none" ? 1 : Math.Max(1, Scenarios.EndpointPattern.ExpandAddresses(source).Count);
        }
        catch (FormatException)
        {
            return 1;
        }
    }

    private static string SourceLabel(string source) => source == "none" ? "none (the kernel picks 127.0.0.1)" : source;
}
