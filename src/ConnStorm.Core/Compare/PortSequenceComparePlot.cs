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
        body.Append($"set multiplot layout {grid.Rows},{grid.Columns} title {Title("Local port chosen per call, per port-sequence case" + note, Subtitle(report))} . \"\\n\"\n");
        body.Append("set grid\nset xlabel 'call number'\nset ylabel 'local port'\nset format y '%.0f'\n");
        // Headroom, so ports at the ends of the range are not drawn on the border.
        body.Append("set autoscale yfix\nset offsets 0, 0, graph 0.06, graph 0.06\n");
        // Above the panel: inside, the key would cover ports, which fill the whole range.
        body.Append("set key above horizontal Left reverse font ',9' samplen 1 width 2\n");
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
                // Points only: x is the call order already, and lines between random ports would be a
                // scribble that hides the other folders. Later folders are smaller and drawn on top,
                // so where folders agree both colours still show.
                plots.Add($"{Quote(DataFile)} index {block} using 1:2 with points pt {Palette.PointType(f)} ps {Num(Math.Max(0.35, 0.9 - 0.3 * f))} lc rgb '{Palette.ForSeries(f)}' title {Quote($"({column.Number}) {column.Kernel}{(column.Where is { Length: > 0 } w ? $" ({w})" : "")}")}");
                block++;
            }
            body.Append($"\nset title {Title(name, Inputs(report, name) + Same(report, name))}\n");
            // Calls are numbered from 1: the axis starts at 0 and ends just past the longest sequence.
            var calls = report.Columns.Max(c => c.Probes!.Cases.FirstOrDefault(k => k.Probe == Probe && k.Case == name)?.Values?.Count ?? 0);
            body.Append(CultureInfo.InvariantCulture, $"set xrange [0:{calls + 1}]\n");
            body.Append("plot \\\n  ").Append(string.Join(", \\\n  ", plots)).Append('\n');
        }
        body.Append("unset multiplot\n");

        var pre = $"# {DataFile} holds one block per case and folder; `index N` picks block N (see the '# block' comments).\n";
        return (data.ToString(), CompareFrame("local port per call for each port-sequence case, several folders overlaid", grid.Width, grid.Height, pre, body.ToString()));
    }

    /// <summary>Identical sequences draw exactly on top of each other: the title says so, since the eye cannot.</summary>
    private static string Same(CompareReport report, string name)
    {
        var sequences = report.Columns.Select(c => c.Probes!.Cases.FirstOrDefault(k => k.Probe == Probe && k.Case == name)?.Values).ToList();
        return sequences.Count > 1 && sequences.All(v => v is not null && v.SequenceEqual(sequences[0]!)) ? " · the same ports in every folder" : "";
    }

    /// <summary>"range 40000 40999": the case's inputs as the first folder that has it recorded them.</summary>
    private const int MaxSubtitle = 60;

    private static string Inputs(CompareReport report, string name)
    {
        var inputs = report.Columns.Select(c => c.Probes!.Cases.FirstOrDefault(k => k.Probe == Probe && k.Case == name)?.Inputs)
            .FirstOrDefault(i => i is { Count: > 0 });
        if (inputs is null)
        {
            return "";
        }
        // Panels sit side by side: a subtitle longer than a panel runs into its neighbours.
        string text = string.Join(", ", inputs.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"));
        return text.Length <= MaxSubtitle ? text : text[..(MaxSubtitle - 1)] + "…";
    }
}
