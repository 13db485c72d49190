using System.CommandLine;
using System.Text.Json;
using ConnStorm.Results;
using ConnStorm.Errors;
using ConnStorm.Plots;

namespace ConnStorm.Cli;

/// <summary><c>connstorm plot RESULTS_DIR</c>: (re)writes every export of a results folder (plots, summary, report.html) from its files alone.</summary>
public static class PlotCommand
{
    public static Command Create()
    {
        var results = new Argument<DirectoryInfo>("results")
        {
            Description = "A ConnStorm results folder (the one holding runs.csv, probes.json or compare.json).",
        };
        var command = new Command("plot", "Rewrite a results folder's exports from its files: the plots (gnuplot scripts NAME.gp rendered to PNG and SVG), summary.md / probes.md / compare.md and report.html.")
        {
            results,
        };
        command.SetAction(parse => HandlerGuard.Run("connstorm plot", () => Execute(parse.GetValue(results)!.FullName, Console.Out, Console.Error, Gnuplot.Find())));
        return command;
    }

    /// <summary>The command's work, with gnuplot passed in so tests can run it with and without.</summary>
    internal static int Execute(string dir, TextWriter output, TextWriter error, string? gnuplot)
    {
        if (ResultsModel.TryKind(dir) is not { } kind)
        {
            error.WriteLine($"connstorm plot: {dir} has no {ResultFiles.Runs}, {ResultFiles.Probes} or {ResultFiles.Compare}: not a ConnStorm results folder");
            return ExitCodes.BadInput;
        }
        if (kind != ResultsKind.Runs)
        {
            // Probes and compare folders draw their plots when they are made; their views are rewritten here.
            return ExporterSet.Run(ExporterSet.Reports(), dir, output, error, "plot") ? ExitCodes.Ran : ExitCodes.InternalError;
        }
        var plotted = PlotWriter.WriteAndRender(dir, Subtitle(dir), gnuplot);
        foreach (var plot in plotted)
        {
            foreach (var file in PlotWriter.FilesOf(plot))
            {
                output.WriteLine(Path.Combine(dir, file));
            }
        }
        // The views after the plots, so they list and inline them.
        bool reported = ExporterSet.Run(ExporterSet.Reports(), dir, output, error, "plot");
        if (plotted.Count == 0)
        {
            output.WriteLine($"{dir}: nothing to plot (no port range sizes, timelines or connection logs)");
            return reported ? ExitCodes.Ran : ExitCodes.InternalError;
        }
        if (gnuplot is null)
        {
            error.WriteLine($"connstorm plot: {Gnuplot.MissingHint}");
            return ExitCodes.EnvironmentCannotRun;
        }
        foreach (var failed in plotted.Where(p => !p.Rendered))
        {
            error.WriteLine($"connstorm plot: {failed.Name}: {failed.Error}");
        }
        return plotted.All(p => p.Rendered) && reported ? ExitCodes.Ran : ExitCodes.InternalError;
    }

    /// <summary>"scenario two-targets · kernel 6.8.0-45-generic" from manifest.json, when it is there and readable.</summary>
    internal static string? Subtitle(string dir)
    {
        var path = Path.Combine(dir, ManifestWriter.FileName);
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            var manifest = ManifestWriter.Read(path);
            var parts = new List<string>();
            if (manifest.Scenario.TryGetValue("name", out var name) && name?.ToString() is { Length: > 0 } n)
            {
                parts.Add($"scenario {n}");
            }
            if (manifest.KernelRelease.Length > 0)
            {
                parts.Add($"kernel {manifest.KernelRelease}");
            }
            return parts.Count > 0 ? string.Join(" · ", parts) : null;
        }
        catch (Exception e) when (e is JsonException or IOException or InvalidDataException)
        {
            // A damaged manifest costs the subtitle, not the plots.
            return null;
        }
    }
}
