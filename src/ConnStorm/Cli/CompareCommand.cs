using System.CommandLine;
using System.Globalization;
using ConnStorm.Errors;
using ConnStorm.Compare;
using ConnStorm.Exporters;
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
            () => Execute(parse.GetValue(dirs) ?? [], parse.GetValue(outOption), Console.Out, Console.Error, ExporterSet.Default())));
        return command;
    }

    /// <summary>The command's work, with the writers and exporters passed in so tests can run it.</summary>
    internal static int Execute(IReadOnlyList<string> dirs, string? outDir, TextWriter output, TextWriter error, IReadOnlyList<IExporter> exporters)
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
        var errors = new List<string>();
        // The records first (compare.json, sources/); the plots, compare.md and report.html are views of them.
        var files = ResultsWriteException.Guard(dir, () =>
        {
            ResultsFolder.Create(dir);
            return CompareWriter.Write(report, dir, () =>
            {
                var exported = ExportRun.All(exporters, ResultsModel.Open(dir));
                errors.AddRange(exported.Errors);
                return exported.WriteFailure is { } failure ? throw failure : exported.Files;
            });
        });
        output.WriteLine($"{report.DifferingCount} of {report.Rows.Count} rows differ across {report.Columns.Count} folders");
        foreach (var file in files)
        {
            output.WriteLine(file);
        }
        foreach (var failed in errors)
        {
            error.WriteLine($"connstorm compare: {failed}");
        }
        return errors.Count == 0 ? ExitCodes.Ran : ExitCodes.InternalError;
    }

    /// <summary>results/compare/20261121-171634Z under the current directory.</summary>
    internal static string DefaultOut(DateTime utc) =>
        Path.Combine("results", "compare", utc.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "Z");
}
