using ConnStorm.Results;
using ConnStorm.Results.Reductions;
using ScottPlot;

namespace ConnStorm.Plots;

/// <summary>
/// port-sequence-compare: the local port the kernel gave each call, against the call number, one panel
/// per port-sequence case and one colour per folder: how the port choice walks the range (even first,
/// steps, randomness) on each kernel.
/// </summary>
internal sealed class PortSequenceComparePlot : IPlot
{
    public string Name => "port-sequence-compare";

    public Figure? Build(ResultsModel results)
    {
        if (results.Compare is not { IsRuns: false } compare || PortSequences.Across(compare) is not { Count: > 0 } cases)
        {
            return null;
        }
        var shown = cases.Take(PanelPick.MaxPanels).ToList();
        var panels = new List<Plot>();
        foreach (var (name, folders) in shown)
        {
            var inputs = PortSequences.Inputs(folders[0].Data);
            var same = PortSequences.Same(folders, compare.Columns.Count) ? " · the same ports in every folder" : "";
            var plot = PlotStyle.NewPanel($"{name}\n{inputs}{same}", "call number", "local port");
            foreach (var (folder, data) in folders)
            {
                var f = folder.Number - 1;
                var points = PortSequences.Points(data.Values!);
                // Points only: lines between random ports would be a scribble that hides the other folders.
                // Later folders are smaller and drawn on top, so where folders agree both colours show.
                var markers = plot.Add.Markers(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray(), Palette.Marker(f), Math.Max(3, 7 - 2 * f), Palette.ForSeries(f));
                markers.LegendText = $"({folder.Number}) {folder.Kernel}{(folder.Where is { Length: > 0 } w ? $" ({w})" : "")}";
            }
            var ports = folders.SelectMany(f => f.Data.Values!).ToList();
            var pad = Math.Max(5, (ports.Max() - ports.Min()) * 0.06);
            PlotStyle.WholeNumbers(plot.Axes.Left);
            plot.Axes.SetLimits(0, folders.Max(f => f.Data.Values!.Count) + 1, ports.Min() - pad, ports.Max() + pad);
            // Above the panel: inside, the key would cover ports, which fill the whole range.
            PlotStyle.LegendAbove(plot);
            PlotStyle.Finish(plot);
            panels.Add(plot);
        }
        var note = shown.Count < cases.Count ? $" (the first {shown.Count} of {cases.Count} cases)" : "";
        var (columns, width, height) = Grid.For(panels.Count, 1440, 900, 520, 440);
        return new Figure("Local port chosen per call, per port-sequence case" + note, CompareSubtitle.Of(compare), panels, columns, width, height);
    }
}
