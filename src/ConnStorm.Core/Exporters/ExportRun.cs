using ConnStorm.Results;

namespace ConnStorm.Exporters;

/// <summary>What running a list of exporters over a folder produced: the files written, and a message per exporter that failed.</summary>
public sealed record ExportRun(IReadOnlyList<string> Files, IReadOnlyList<string> Errors)
{
    /// <summary>
    /// Runs each exporter in order over <paramref name="results"/>. One exporter's failure (an
    /// unreadable CSV or JSON file, a full disk) is reported and costs only its own files.
    /// </summary>
    public static ExportRun All(IEnumerable<IExporter> exporters, ResultsModel results)
    {
        var files = new List<string>();
        var errors = new List<string>();
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
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or FormatException or System.Text.Json.JsonException)
            {
                errors.Add($"{exporter.Name}: {e.Message}");
            }
        }
        return new ExportRun(files, errors);
    }
}
