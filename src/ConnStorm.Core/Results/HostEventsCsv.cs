using ConnStorm.Results.Csv;

namespace ConnStorm.Results;

/// <summary>
/// failures.csv and connections.csv of a cluster run: each host's rows, on the common clock, with a
/// host column at the end. The readers (<see cref="FailuresFile"/>, <see cref="ConnectionsFile"/>)
/// read them as they read a local run's, by column name.
/// </summary>
public static class HostEventsCsv
{
    public const string HostColumn = "host";

    public static void WriteFailures(string path, IEnumerable<(FailureRecord Failure, string Host)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var csv = CsvSetup.OpenWriter(path);
        csv.WriteHeader<HostFailureRow>();
        foreach (var (failure, host) in rows)
        {
            csv.WriteRecord(HostFailureRow.From(failure, host));
        }
    }

    public static void WriteConnections(string path, IEnumerable<(ConnectionRecord Connection, string Host)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var csv = CsvSetup.OpenWriter(path);
        csv.WriteHeader<HostConnectionRow>();
        foreach (var (connection, host) in rows)
        {
            csv.WriteRecord(HostConnectionRow.From(connection, host));
        }
    }

    /// <summary>The host column of a merged file, row by row; empty for a file without it (a local run's).</summary>
    public static IReadOnlyList<string> Hosts(string path)
    {
        using var csv = CsvSetup.OpenTolerantReader(path);
        if (!csv.TryGetFieldIndex(HostColumn, out var index))
        {
            return [];
        }
        var hosts = new List<string>();
        while (csv.Read())
        {
            if (csv.FieldCount > index)
            {
                hosts.Add(csv.GetString(index));
            }
        }
        return hosts;
    }
}
