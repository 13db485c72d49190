using ConnStorm.Results;
using ConnStorm.Results.Csv;

namespace ConnStorm.Verdicts;

/// <summary>Reads back who connected to whom from a run's connections.csv, for the sharing verdict.</summary>
public static class ConnectionsCsv
{
    /// <summary>(source, target) per established connection; null when the run wrote no connections.csv.</summary>
    public static IReadOnlyList<(string Source, string Target)>? ReadPairs(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        // The same reader setup and column map the recorder wrote it with.
        using var csv = CsvSetup.OpenReader(path);
        return [.. csv.GetRecords<ConnectionRecord>().Select(c => (c.Source, c.Target))];
    }

    /// <summary>The lookup <see cref="MythVerdicts.Judge"/> needs, for runs under <paramref name="resultsDir"/>.</summary>
    public static Func<RunRow, IReadOnlyList<(string Source, string Target)>?> ForResults(string resultsDir) =>
        row => ReadPairs(Path.Combine(resultsDir, row.RunDir, RunRecorder.ConnectionsFile));
}
