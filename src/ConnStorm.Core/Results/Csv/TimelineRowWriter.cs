using CsvHelper;
using ConnStorm.Sockets;

namespace ConnStorm.Results.Csv;

/// <summary>
/// Writes timeline.csv rows. Hand-written rather than generated from attributes because the errno
/// column names must come from the errno table (<see cref="Errno.Name"/>), which attributes cannot call.
/// </summary>
internal sealed class TimelineRowWriter : CsvRecordWriter<TimelineRow>
{
    private static readonly string[] FixedColumns = ["t_ms", "open", "established", "established_total", "failures"];

    public override int FieldCount => FixedColumns.Length + TimelineRow.TimelineErrnos.Count + 2;

    /// <summary>Every column name in order: the counters, one per timeline errno, "other", then time_wait (last, so earlier columns keep their places).</summary>
    public static IReadOnlyList<string> ColumnNames { get; } =
        [.. FixedColumns, .. TimelineRow.ByErrnoNames, TimelineRow.TimeWaitColumn];

    public override void WriteHeader(CsvWriter writer)
    {
        foreach (var name in ColumnNames)
        {
            WriteColumnName(writer, name);
        }
    }

    public override void Write(CsvWriter writer, TimelineRow record)
    {
        writer.WriteField(record.TMs, ThreeDecimalsConverter.Format);
        writer.WriteField(record.Open, default);
        writer.WriteField(record.Established, default);
        writer.WriteField(record.EstablishedTotal, default);
        writer.WriteField(record.Failures, default);
        foreach (var count in record.ByErrno)
        {
            writer.WriteField(count, default);
        }
        if (record.TimeWait is { } tw)
        {
            writer.WriteField(tw, default);
        }
        else
        {
            writer.WriteField("");
        }
    }
}
