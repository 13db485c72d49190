using CsvHelper;

namespace ConnStorm.Results.Csv;

/// <summary>A merged failures.csv row: the columns of <see cref="FailureRow"/>, then the host that saw it.</summary>
[CsvRecord]
internal sealed partial record HostFailureRow
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

    [CsvColumn("host")]
    public string Host { get; init; } = "";

    public static HostFailureRow From(FailureRecord f, string host)
    {
        var row = FailureRow.From(f);
        return new()
        {
            TMs = row.TMs, Seq = row.Seq, OpenAtFailure = row.OpenAtFailure, Target = row.Target, Source = row.Source,
            Phase = row.Phase, Errno = row.Errno, ErrnoName = row.ErrnoName, Host = host,
        };
    }
}

/// <summary>A merged connections.csv row: the columns of <see cref="ConnectionRecordMap"/>, then the host that held it.</summary>
[CsvRecord]
internal sealed partial record HostConnectionRow
{
    [CsvColumn("seq")]
    public long Seq { get; init; }

    [CsvColumn("t_ms")]
    [CsvConverter(typeof(ThreeDecimalsConverter))]
    public double TMs { get; init; }

    [CsvColumn("source")]
    public string Source { get; init; } = "";

    [CsvColumn("target")]
    public string Target { get; init; } = "";

    [CsvColumn("connect_us")]
    public long ConnectUs { get; init; }

    [CsvColumn("syscall_us")]
    public long SyscallUs { get; init; }

    [CsvColumn("host")]
    public string Host { get; init; } = "";

    public static HostConnectionRow From(ConnectionRecord c, string host) =>
        new() { Seq = c.Seq, TMs = c.TMs, Source = c.Source, Target = c.Target, ConnectUs = c.ConnectUs, SyscallUs = c.SyscallUs, Host = host };
}
