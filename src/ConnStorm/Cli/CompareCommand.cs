using System.CommandLine;
using System.Globalization;
using ConnStorm.Plots;
using ConnStorm.Errors;
using ConnStorm.Compare;
using ConnStorm.Results;

namespace ConnStorm.Cli;

/// <summary><c>connstorm compare DIR DIR ... [--out DIR]</c>: results folders from different hosts or kernels, side by side.</summary>
public static class CompareCommand
{
    public static Command Create()
    {
        var dirs = new Argument<string[]>("dirs")
        {
            Description = "Two or more results folders of one kind: runs (manifest.json + runs.csv) or probes (probes.json).",
            // Zero or more, so that one folder gets compare's own message and exit 2, not a parse error.
            Arity = ArgumentArity.ZeroOrMore,
        };
        var outOption = new Option<string?>("--out", "-o")
        {
            Description = "The report folder. Default: results/compare/<UTC timestamp>/ under the current directory.",
        };
        var command = new Command("compare", "Compare results folders from different hosts or kernels: compare.md, compare.json and overlaid plots.")
        {
            dirs,
            outOption,
        };
        command.SetAction(parse => HandlerGuard.Run("connstorm compare",
            () => Execute(parse.GetValue(dirs) ?? [], parse.GetValue(outOption), Console.Out, Console.Error, Gnuplot.Find())));
        return command;
    }

    /// <summary>The command's work, with the writers and gnuplot passed in so tests can run it.</summary>
    internal static int Execute(IReadOnlyList<string> dirs, string? outDir, TextWriter output, TextWriter error, string? gnuplot)
    {
        CompareReport report;
        try
        {
            report = Comparer.Load(dirs);
        }
        catch (CompareException e)
        {
            error.WriteLine($"connstorm compare: {e.Message}");
            return ExitCodes.BadInput;
        }
        var dir = outDir ?? DefaultOut(DateTime.UtcNow);
        var (files, plots) = ResultsWriteException.Guard(dir, () =>
        {
            ResultsFolder.Create(dir);
            return CompareWriter.Write(report, dir, gnuplot);
        });
        output.WriteLine($"{report.DifferingCount} of {report.Rows.Count} rows differ across {report.Columns.Count} folders");
        // compare.md and report.html are views of compare.json: the exporters write them (and print them first).
        var views = new StringWriter();
        bool exported = ExporterSet.Run(ExporterSet.Reports(), dir, views, error, "compare");
        output.Write(views.ToString());
        foreach (var file in files)
        {
            output.WriteLine(file);
        }
        if (!exported)
        {
            return ExitCodes.InternalError;
        }
        // The tables are the report; missing images are worth a hint, not a failed command.
        if (gnuplot is null && plots.Count > 0)
        {
            error.WriteLine($"connstorm compare: plots not rendered: {Gnuplot.MissingHint.Replace("`connstorm plot DIR`", "`gnuplot NAME.gp` in the report folder", StringComparison.Ordinal)}");
            return ExitCodes.Ran;
        }
        foreach (var failed in plots.Where(p => !p.Rendered))
        {
            error.WriteLine($"connstorm compare: {failed.Name}: {failed.Error}");
        }
        return plots.All(p => p.Rendered) ? ExitCodes.Ran : ExitCodes.InternalError;
    }

    /// <summary>results/compare/20261121-171634Z under the current directory.</summary>
    internal static string DefaultOut(DateTime utc) =>
        Path.Combine("results", "compare", utc.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "Z");
}
