using System.Globalization;
using System.Text;
using ConnStorm.Plots;
using static ConnStorm.Plots.GnuplotText;

namespace ConnStorm.Probes;

/// <summary>
/// port-sequence.png: the port each successive call got, per port-sequence case (one colour
/// each), from the cases' values: port-sequence.csv (case, call, port) and port-sequence.gp
/// beside it, which a person can restyle and rerun.
/// </summary>
public static class PortSequencePlot
{
    public const string Name = "port-sequence";
    private const string Probe = "port-sequence";

    /// <summary>Writes the CSV and script; returns "port-sequence" when gnuplot drew it, null when there is nothing to draw or no gnuplot.</summary>
    public static string? WriteAndRender(string dir, ProbesDocument doc)
    {
        var cases = doc.Cases.Where(c => c.Probe == Probe && c.Values is { Count: > 0 }).ToList();
        if (cases.Count == 0)
        {
            return null;
        }
        var csv = new StringBuilder("case,call,port\n");
        foreach (var c in cases)
        {
            for (int i = 0; i < c.Values!.Count; i++)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{c.Case},{i + 1},{c.Values[i]}\n");
            }
        }
        File.WriteAllText(Path.Combine(dir, Name + ".csv"), csv.ToString());
        string script = Path.Combine(dir, Name + ".gp");
        File.WriteAllText(script, Script(doc, cases));
        if (Gnuplot.Find() is null)
        {
            return null;
        }
        var (exit, _) = Gnuplot.Run(script, TimeSpan.FromSeconds(60));
        return exit == 0 && File.Exists(Path.Combine(dir, Name + ".png")) ? Name : null;
    }

    /// <summary>The legend entry of a case: its name, and the ranges it ran on.</summary>
    private static string Label(ProbeCase c)
    {
        string label = c.Case;
        if (c.Inputs.TryGetValue("ip_local_port_range", out var range))
        {
            label += $" (range {range.Replace(' ', '-')}";
            label += c.Inputs.TryGetValue("ip_local_port_range_option", out var option) ? $", option {option})" : ")";
        }
        return label;
    }

    internal static string Script(ProbesDocument doc, IReadOnlyList<ProbeCase> cases)
    {
        long lo = cases.Min(c => c.Values!.Min()), hi = cases.Max(c => c.Values!.Max());
        int calls = cases.Max(c => c.Values!.Count);
        // Headroom so the lowest and highest ports are not drawn on the border.
        long pad = Math.Max(5, (hi - lo) / 20);
        var sb = new StringBuilder();
        string subtitle = $"Linux {doc.KernelRelease}: every socket of a case stays open, so each call needs a new port";
        // One panel per case on shared axes: drawn together, the sequences cross and hide each other.
        int cols = Math.Min(3, cases.Count), rows = (cases.Count + cols - 1) / cols;
        sb.Append($"set multiplot layout {rows},{cols} title {Title("Ephemeral port chosen by each successive call", subtitle)}\n");
        sb.Append("set xlabel 'call number within the case'\n");
        sb.Append("set ylabel 'local port (port number)'\n");
        sb.Append("set format y '%.0f'\n");
        sb.Append($"set xrange [0:{calls + 1}]\nset yrange [{lo - pad}:{hi + pad}]\n");
        sb.Append("set grid xtics ytics\nunset key\n");
        for (int i = 0; i < cases.Count; i++)
        {
            sb.Append($"set title {Quote(Label(cases[i]))} tc rgb '{Palette.ForSeries(i)}'\n");
            // Points, not lines: where the search wraps or jumps, a line would cross the whole panel.
            sb.Append($"plot {Quote(Name + ".csv")} every ::1 using 2:(in_case({Quote(cases[i].Case)}) ? $3 : NaN) with points pt {Palette.PointType(i)} ps 0.6 lc rgb '{Palette.ForSeries(i)}' notitle\n");
        }
        sb.Append("unset multiplot\n");
        // noenhanced (in the frame): case names hold '-' and '_' which enhanced text would turn into markup.
        return PlotScript.Frame(Name, "probes.json", "the local port each successive call got, one colour per port-sequence case", 1600, 900,
            "# True when the current row of the CSV belongs to the case.\nin_case(name) = strcol(1) eq name\n", sb.ToString());
    }
}
