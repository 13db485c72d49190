using System.CommandLine;
using ConnStorm.Errors;
using ConnStorm.Exporters;
using ConnStorm.Plots;
using ConnStorm.Results;

namespace ConnStorm.Cli;

/// <summary>
/// <c>connstorm plot DIR</c>: draws every plot again (and writes everything else the exporters
/// write) from the folder's files alone: a runs, probes or compare folder.
/// </summary>
public static class PlotCommand
{
    public static Command Create()
    {
        var results = new Argument<DirectoryInfo>("results")
        {
            Description = "A ConnStorm results folder: runs (runs.csv), probes (probes.json) or compare (compare.json).",
        };
        var format = new Option<string>("--format")
        {
            Description = "Which files to draw: png, svg or both.",
            DefaultValueFactory = _ => "both",
        };
        format.AcceptOnlyFromAmong("png", "svg", "both");
        var width = new Option<int?>("--width")
        {
            Description = $"Width of every plot in pixels, {PlotOptions.MinPixels}-{PlotOptions.MaxPixels}. Default: each plot's own, e.g. 1600 for port-range, more for grids of panels.",
        };
        var height = new Option<int?>("--height")
        {
            Description = $"Height of every plot in pixels, {PlotOptions.MinPixels}-{PlotOptions.MaxPixels}. Default: each plot's own, e.g. 900 for port-range.",
        };
        var command = new Command("plot", "Draw the plots of a results folder again, to PNG and SVG, from its CSV and JSON files alone (exit 1 when a plot failed).")
        {
            results,
            format,
            width,
            height,
        };
        command.SetAction(parse => HandlerGuard.Run("connstorm plot", () => Execute(parse.GetValue(results)!.FullName, parse.GetValue(format) ?? "both",
            parse.GetValue(width), parse.GetValue(height), Console.Out, Console.Error)));
        return command;
    }

    /// <summary>The command's work: 0 drawn, 1 some plot failed, 2 not a results folder or a bad option.</summary>
    internal static int Execute(string dir, string format, int? width, int? height, TextWriter output, TextWriter error)
    {
        if (Options(format, width, height) is not { } options)
        {
            error.WriteLine($"connstorm plot: --format must be png, svg or both, and --width/--height between {PlotOptions.MinPixels} and {PlotOptions.MaxPixels} pixels (got --format {format}, --width {width?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default"}, --height {height?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default"})");
            return ExitCodes.BadInput;
        }
        if (!Directory.Exists(dir) || ResultsModel.TryKind(dir) is null)
        {
            error.WriteLine($"connstorm plot: {dir} has no {ResultFiles.Runs}, {ResultFiles.Probes} or {ResultFiles.Compare}: not a ConnStorm results folder");
            return ExitCodes.BadInput;
        }
        if (Fonts.Missing() is { } font)
        {
            error.WriteLine($"connstorm plot: warning: {font}");
        }
        var exported = ExportRun.All(ExporterSet.Default(options), ResultsModel.Open(dir));
        foreach (var file in exported.Files)
        {
            output.WriteLine(file);
        }
        if (exported.Files.Count == 0 && exported.Errors.Count == 0)
        {
            output.WriteLine($"{dir}: nothing to plot (no port range sizes, timelines, connection logs, proxy runs or port sequences)");
        }
        foreach (var failed in exported.Errors)
        {
            error.WriteLine($"connstorm plot: {failed}");
        }
        return exported.WriteFailure is { } failure ? throw ResultsWriteException.About(dir, failure) : exported.ExitCode;
    }

    /// <summary>The options, or null when one is out of range.</summary>
    internal static PlotOptions? Options(string format, int? width, int? height)
    {
        PlotFormats? formats = format switch
        {
            "png" => PlotFormats.Png,
            "svg" => PlotFormats.Svg,
            "both" => PlotFormats.Both,
            _ => null,
        };
        static bool InRange(int? pixels) => pixels is null or (>= PlotOptions.MinPixels and <= PlotOptions.MaxPixels);
        return formats is { } f && InRange(width) && InRange(height) ? new PlotOptions { Formats = f, Width = width, Height = height } : null;
    }
}
