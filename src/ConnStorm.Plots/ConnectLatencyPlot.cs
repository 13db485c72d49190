using ConnStorm.Results;
using ConnStorm.Results.Reductions;
using ScottPlot;

namespace ConnStorm.Plots;

/// <summary>
/// connect-latency: one panel per run that kept connections.csv: the time inside bind() + connect() (log),
/// where the kernel searches for a free port, against how full the port space was, even and odd
/// source ports in two colours (the kernel's search prefers one parity for connect()).
/// </summary>
internal sealed class ConnectLatencyPlot : IPlot
{
    /// <summary>Points per panel in the PNG: the shape of 160,000 rows survives, and it renders in well under a second.</summary>
    public const int MaxPngPoints = 20_000;

    /// <summary>Points per panel in the SVG, where each point is an element: the file stays a few MB.</summary>
    public const int MaxSvgPoints = 1_200;

    public string Name => "connect-latency";

    public Figure? Build(ResultsModel results)
    {
        var runs = results.Runs.Where(r => results.HasRunFile(r, ResultFiles.Connections)).ToList();
        if (runs.Count == 0)
        {
            return null;
        }
        // syscall_us is the time inside bind() and connect(): what grows as the range fills. connect_us
        // also holds the wait for the handshake, so it is the fallback for files written before syscall_us.
        var syscall = ConnectionsFile.HasSyscallUs(results.RunFile(runs[0], ResultFiles.Connections));
        var picked = PanelPick.Runs(runs);
        var data = picked.Select(run => (Run: run, Points: LatencyPoints.Of(results.Connections(run), LatencyPoints.CapacityOf(run), syscall))).ToList();
        var title = (syscall ? "Time the kernel spends choosing a port (inside bind() + connect()) vs how full the port space is, per run"
            : "Connect latency vs how full the port space is, per run") + PanelPick.Note(picked.Count, runs.Count);
        var (columns, width, height) = Grid.For(data.Count, 1920, 1360);
        var subtitle = Labels.Subtitle(results.Manifest);
        return new Figure(title, subtitle, [.. data.Select(d => Panel(d.Run, d.Points, syscall, MaxPngPoints))], columns, width, height)
        {
            ForSvg = new Figure(title, subtitle, [.. data.Select(d => Panel(d.Run, d.Points, syscall, MaxSvgPoints))], columns, width, height),
        };
    }

    private static Plot Panel(RunRow run, LatencyPoints points, bool syscall, int maxPoints)
    {
        var rows = points.Even.Count + points.Odd.Count;
        var step = Thinning.Step(rows, maxPoints);
        var notes = (points.CapacityKnown ? "" : " (range unknown: % of rows)") + (step > 1 ? $", 1 in {step} of {rows} rows" : "");
        var plot = PlotStyle.NewPanel($"{Labels.RunId(run)}\n{Labels.RunSetup(run)}{notes}", "connections made, % of the rule's limit",
            syscall ? "µs inside bind() + connect() (log)" : "connect latency (µs, log)");
        double most = 10, least = double.MaxValue, xMax = 100;
        foreach (var (series, color, label) in new[] { (points.Even, Palette.Even, "even source port"), (points.Odd, Palette.Odd, "odd source port") })
        {
            var kept = Thinning.Every(series, (int)Math.Ceiling(series.Count / (double)step));
            if (kept.Count == 0)
            {
                continue;
            }
            var markers = plot.Add.Markers(kept.Select(p => p.X).ToArray(), kept.Select(p => LogTicks.Log(p.Y)).ToArray(), MarkerShape.FilledCircle, 3, color);
            markers.LegendText = label;
            most = Math.Max(most, kept.Max(p => p.Y));
            least = Math.Min(least, kept.Min(p => p.Y));
            xMax = Math.Max(xMax, kept.Max(p => p.X));
        }
        LogTicks.Apply(plot.Axes.Left, least < most ? Math.Pow(10, Math.Floor(Math.Log10(least))) : 1, Math.Pow(10, Math.Ceiling(Math.Log10(most))));
        plot.Axes.SetLimitsX(0, xMax * 1.02);
        // Above the panel: inside, the key would cover the fast connects of the first percent.
        PlotStyle.LegendAbove(plot);
        PlotStyle.Finish(plot);
        return plot;
    }
}
