using CsvHelper;

namespace ConnStorm.Results.Csv;

/// <summary>
/// One row of failures.csv: t_ms, seq, open_at_failure, target, source, phase, errno, errno_name.
/// A row type of its own because two columns are derived (phase name, errno name) and
/// <see cref="FailureRecord"/> stays free of file concerns. Lives only while it is written.
/// </summary>
[CsvRecord]
internal sealed partial record FailureRow
{
    [CsvColumn("t_ms")]
    [CsvConverter(typeof(ThreeDecimalsConverter))]
    public double TMs { get; init; }

    [CsvColumn("seq")]
    public long Seq { get; init; }

    [CsvColumn("open_at_failure")]
    public long OpenAtFailure { get; init; }

    [CsvColumn("target")]
    public string Target { get; init; } = "";

    [CsvColumn("source")]
    public string Source { get; init; } = "";

    [CsvColumn("phase")]
    public string Phase { get; init; } = "";

    [CsvColumn("errno")]
    public int Errno { get; init; }

    [CsvColumn("errno_name")]
    public string ErrnoName { get; init; } = "";

    public static FailureRow From(FailureRecord f) => new()
    {
        TMs = f.TMs,
        Seq = f.Seq,
        OpenAtFailure = f.OpenAtFailure,
        Target = f.Target,
        Source = f.Source,
        Phase = f.Phase.ToName(),
        Errno = f.Errno,
        ErrnoName = f.ErrnoName,
    };
}
