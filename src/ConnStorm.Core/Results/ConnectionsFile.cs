using ConnStorm.Results.Csv;

namespace ConnStorm.Results;

/// <summary>
/// Reads connections.csv back into <see cref="ConnectionRecord"/>s. Files from before syscall_us read
/// it as 0 (see <see cref="HasSyscallUs"/>); a cut-off last line (a run in progress) is skipped.
/// </summary>
public static class ConnectionsFile
{
    public static IReadOnlyList<ConnectionRecord> Read(string path)
    {
        using var csv = CsvSetup.OpenTolerantReader(path);
        return [.. csv.GetRecords<ConnectionRecord>()];
    }

    /// <summary>The rows one at a time, for files too large to hold (a cluster merge of millions of connections).</summary>
    public static IEnumerable<ConnectionRecord> ReadEach(string path)
    {
        using var csv = CsvSetup.OpenTolerantReader(path);
        foreach (var record in csv.GetRecords<ConnectionRecord>())
        {
            yield return record;
        }
    }

    /// <summary>Writes (replaces) a connections.csv with the columns a run writes.</summary>
    public static void Write(string path, IEnumerable<ConnectionRecord> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var csv = CsvSetup.OpenWriter(path);
        csv.WriteHeader<ConnectionRecord>();
        foreach (var row in rows)
        {
            csv.WriteRecord(row);
        }
    }

    /// <summary>Whether the file has the syscall_us column (older files have only connect_us).</summary>
    public static bool HasSyscallUs(string path)
    {
        using var csv = CsvSetup.OpenReader(path);
        return csv.TryGetFieldIndex("syscall_us", out _);
    }
}
