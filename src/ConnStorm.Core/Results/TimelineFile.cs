using ConnStorm.Results.Csv;
using CsvHelper;

namespace ConnStorm.Results;

/// <summary>
/// Reads timeline.csv back into <see cref="TimelineRow"/>s, finding every column by its name.
/// Tolerant of a run in progress (a cut-off last line is skipped) and of older files without
/// late columns (time_wait reads as not sampled).
/// </summary>
public static class TimelineFile
{
    public static IReadOnlyList<TimelineRow> Read(string path)
    {
        using var csv = CsvSetup.OpenReader(path);
        int Index(string name) => csv.TryGetFieldIndex(name, out var i) ? i : -1;
        int t = Index("t_ms"), open = Index("open"), established = Index("established"), total = Index("established_total"), failures = Index("failures");
        if (t < 0 || open < 0)
        {
            throw new InvalidDataException($"{path} has no t_ms or open column: not a timeline.csv");
        }
        var byErrno = TimelineRow.ByErrnoNames.Select(Index).ToArray();
        var timeWait = Index(TimelineRow.TimeWaitColumn);
        var rows = new List<TimelineRow>();
        while (csv.Read())
        {
            if (csv.FieldCount < csv.Headers.Count)
            {
                // Only the line being written can be short.
                continue;
            }
            try
            {
                rows.Add(new TimelineRow
                {
                    TMs = csv.Parse<double>(t),
                    Open = csv.Parse<long>(open),
                    Established = Long(csv, established),
                    EstablishedTotal = Long(csv, total),
                    Failures = Long(csv, failures),
                    ByErrno = [.. byErrno.Select(i => Long(csv, i))],
                    TimeWait = timeWait >= 0 && csv.GetString(timeWait).Length > 0 ? csv.Parse<long>(timeWait) : null,
                });
            }
            catch (FormatException)
            {
                continue;
            }
        }
        return rows;
    }

    /// <summary>Writes (replaces) a timeline.csv of whole rows, with the columns a run writes.</summary>
    public static void Write(string path, IEnumerable<TimelineRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var csv = CsvSetup.OpenWriter(path);
        var writer = new TimelineRowWriter();
        writer.WriteHeader(csv);
        csv.EndRecord();
        foreach (var row in rows)
        {
            writer.Write(csv, row);
            csv.EndRecord();
        }
    }

    private static long Long(CsvReader csv, int index) => index >= 0 && csv.GetString(index).Length > 0 ? csv.Parse<long>(index) : 0;
}
