using ConnStorm.Errors;
using ConnStorm.Results;

namespace ConnStorm.Exporters;

/// <summary>
/// What running a list of exporters over a folder produced: the files written, a message per
/// exporter that failed, and the first failure to write (a full disk, a folder that became
/// read-only), which callers turn into exit code 3 like any other results folder they cannot write.
/// </summary>
public sealed record ExportRun(IReadOnlyList<string> Files, IReadOnlyList<string> Errors, Exception? WriteFailure = null)
{
    /// <summary>0 when every exporter wrote its files, 3 when the folder could not be written, else 1 (a view could not be made).</summary>
    public int ExitCode => WriteFailure is not null ? ExitCodes.EnvironmentCannotRun : Errors.Count > 0 ? ExitCodes.InternalError : ExitCodes.Ran;

    /// <summary>
    /// Runs each exporter in order over <paramref name="results"/>. One exporter's failure (an
    /// unreadable CSV or JSON file, a full disk) is reported and costs only its own files.
    /// </summary>
    public static ExportRun All(IEnumerable<IExporter> exporters, ResultsModel results)
    {
        var files = new List<string>();
        var errors = new List<string>();
        Exception? writeFailure = null;
        foreach (var exporter in exporters)
        {
            try
            {
                files.AddRange(exporter.Export(results));
            }
            catch (PartialExportException e)
            {
                files.AddRange(e.Files);
                errors.Add($"{exporter.Name}: {e.Message}");
            }
            catch (Exception e) when (ResultsWriteException.IsWriteFailure(e))
            {
                // Readers check that a file exists before reading it, so what fails here is a write.
                writeFailure ??= e;
                errors.Add($"{exporter.Name}: {e.Message}");
            }
            catch (Exception e) when (e is InvalidDataException or FormatException or System.Text.Json.JsonException)
            {
                errors.Add($"{exporter.Name}: {e.Message}");
            }
        }
        return new ExportRun(files, errors, writeFailure);
    }
}
