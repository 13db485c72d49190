using ConnStorm.Results.Csv;

namespace ConnStorm.Results;

/// <summary>runs.csv: one row per run (a scenario with variants has several).</summary>
public static class RunsCsv
{
    public const string FileName = ResultFiles.Runs;

    /// <summary>Writes (replaces) the file with a header and every row.</summary>
    public static void Write(string path, IEnumerable<RunRow> rows)
    {
        using var csv = CsvSetup.OpenWriter(path);
        csv.WriteHeader<RunRow>();
        foreach (var row in rows)
        {
            csv.WriteRecord(row);
        }
    }

    public static IReadOnlyList<RunRow> Read(string path)
    {
        using var csv = CsvSetup.OpenReader(path);
        return [.. csv.GetRecords<RunRow>()];
    }
}
