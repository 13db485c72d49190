using System.Globalization;
using System.Text;
using ConnStorm.Plots;
using static ConnStorm.Plots.GnuplotText;

namespace ConnStorm.Compare;

/// <summary>
/// port-sequence-compare: the local port the kernel gave each call, against the call number, one
/// panel per port-sequence case and one line per folder: how the port choice walks the range (even
/// first, steps, randomness) on each kernel.
/// </summary>
internal sealed class PortSequenceComparePlot : ComparePlot
{
    public const string Probe = "port-sequence";

    public override string Name => "port-sequence-compare";

    public override (string Data, string Script)? Build(CompareReport report)
    {
        if (report.Kind != CompareKind.Probes)
        {
            return null;
        }
        var cases = report.Columns
            .SelectMany(c => c.Probes!.Cases.Where(k => k.Probe == Probe && k.Values is { Count: > 0 }).Select(k => k.Case))
            .Distinct(StringComparer.Ordinal).ToList();
        if (cases.Count == 0)
        {
            return null;
        }
        var grid = PanelGrid.For(cases.Count);
        var shown = cases.Take(grid.Shown).ToList();

        var data = new StringBuilder("# call,port; one block per case and folder, for `index N`\n");
        var body = new StringBuilder();
        var note = grid.Truncated ? $" (the first {grid.Shown} of {grid.Total} cases)" : "";
        body.Append($"set multiplot layout {grid.Rows},{grid.Columns} title {Title("Local port chosen per call, per port-sequence case" + note, Subtitle(report))}\n");
        body.Append("set grid\nset xlabel 'call number'\nset ylabel 'local port'\nset format y '%.0f'\n");
        body.Append("set key top left opaque box font ',9' samplen 2\n");
        var block = 0;
        foreach (var name in shown)
        {
            var plots = new List<string>();
            foreach (var column in report.Columns)
            {
                var values = column.Probes!.Cases.FirstOrDefault(k => k.Probe == Probe && k.Case == name)?.Values;
                if (values is not { Count: > 0 })
                {
                    continue;
                }
                data.Append(CultureInfo.InvariantCulture, $"# block {block}: {name} · {column.Legend}\n");
                for (var i = 0; i < values.Count; i++)
                {
                    data.Append(CultureInfo.InvariantCulture, $"{i + 1},{values[i]}\n");
                }
                data.Append("\n\n");
                var f = column.Number - 1;
                // Thin lines show the order; the markers (one shape per folder) show each port.
                plots.Add($"{Quote(DataFile)} index {block} using 1:2 with linespoints lw 1 dt {f % 5 + 1} pt {Palette.PointType(f)} ps {Num(Math.Max(0.4, 0.9 - 0.2 * f))} lc rgb '{Palette.ForSeries(f)}' title {Quote($"{column.Legend} · {column.Name}")}");
                block++;
            }
            body.Append($"\nset title {Title(name, Inputs(report, name))}\n");
            body.Append("plot \\\n  ").Append(string.Join(", \\\n  ", plots)).Append('\n');
        }
        body.Append("unset multiplot\n");

        var pre = $"# {DataFile} holds one block per case and folder; `index N` picks block N (see the '# block' comments).\n";
        return (data.ToString(), CompareFrame("local port per call for each port-sequence case, several folders overlaid", grid.Width, grid.Height, pre, body.ToString()));
    }

    /// <summary>"range 40000 40999": the case's inputs as the first folder that has it recorded them.</summary>
    private static string? Inputs(CompareReport report, string name)
    {
        var inputs = report.Columns.Select(c => c.Probes!.Cases.FirstOrDefault(k => k.Probe == Probe && k.Case == name)?.Inputs)
            .FirstOrDefault(i => i is { Count: > 0 });
        return inputs is null ? null : string.Join(", ", inputs.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"));
    }
}
