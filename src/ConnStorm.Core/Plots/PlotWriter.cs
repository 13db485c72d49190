using ConnStorm.Results;

namespace ConnStorm.Plots;

/// <summary>Writes the gnuplot script of every plot the results folder can feed, and renders each.</summary>
public static class PlotWriter
{
    /// <summary>How long one script may take; a 16-panel scatter renders in a few seconds.</summary>
    public static readonly TimeSpan RenderTimeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Writes NAME.gp for each applicable plot at the top of <paramref name="resultsDir"/> and runs
    /// gnuplot on it. Without gnuplot the scripts are still written and every result carries the
    /// install hint. Throws <see cref="FileNotFoundException"/> when the folder has no runs.csv.
    /// </summary>
    public static IReadOnlyList<PlotResult> WriteAndRender(string resultsDir, string? subtitle = null) =>
        WriteAndRender(resultsDir, subtitle, Gnuplot.Find());

    /// <param name="gnuplot">The executable, or null to behave as on a machine without gnuplot.</param>
    internal static IReadOnlyList<PlotResult> WriteAndRender(string resultsDir, string? subtitle, string? gnuplot)
    {
        var runsPath = Path.Combine(resultsDir, RunsCsv.FileName);
        if (!File.Exists(runsPath))
        {
            throw new FileNotFoundException($"{resultsDir} has no {RunsCsv.FileName}: not a ConnStorm results folder", runsPath);
        }
        var input = PlotInput.Load(resultsDir, subtitle);
        var results = new List<PlotResult>();
        foreach (var plot in All())
        {
            if (WriteOne(plot, input, gnuplot) is { } result)
            {
                results.Add(result);
            }
        }
        return results;
    }

    internal static IReadOnlyList<PlotScript> All() => [new PortRangePlot(), new TimelinePlot(), new ConnectLatencyPlot(), new ChurnPlot(), new ProxyCapacityPlot()];

    /// <summary>The files a rendered (or only written) plot leaves in the folder.</summary>
    public static IReadOnlyList<string> FilesOf(PlotResult result) =>
        result.Rendered ? [$"{result.Name}.gp", $"{result.Name}.png", $"{result.Name}.svg"] : [$"{result.Name}.gp"];

    /// <summary>Null when the results hold nothing for this plot (no script is written).</summary>
    private static PlotResult? WriteOne(PlotScript plot, PlotInput input, string? gnuplot)
    {
        string? script;
        try
        {
            script = plot.Build(input);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            // One unreadable CSV must not cost the other plots.
            return new PlotResult(plot.Name, false, e.Message);
        }
        if (script is null)
        {
            return null;
        }
        var scriptPath = Path.Combine(input.Dir, plot.Name + ".gp");
        File.WriteAllText(scriptPath, script);
        if (gnuplot is null)
        {
            return new PlotResult(plot.Name, false, Gnuplot.MissingHint);
        }
        // Old images go first, so Rendered never reports a stale picture.
        var png = Path.Combine(input.Dir, plot.Name + ".png");
        File.Delete(png);
        File.Delete(Path.Combine(input.Dir, plot.Name + ".svg"));
        var (exit, stderr) = Gnuplot.Run(gnuplot, scriptPath, RenderTimeout);
        return exit == 0 && File.Exists(png)
            ? new PlotResult(plot.Name, true, null)
            : new PlotResult(plot.Name, false, $"gnuplot {plot.Name}.gp exited {exit}: {stderr.Trim()}");
    }
}
