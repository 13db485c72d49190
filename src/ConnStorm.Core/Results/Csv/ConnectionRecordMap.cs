using CsvHelper;

namespace ConnStorm.Results.Csv;

/// <summary>connections.csv columns: seq, t_ms, source, target, connect_us, syscall_us.</summary>
[CsvRecordMap(typeof(ConnectionRecord))]
internal sealed partial class ConnectionRecordMap
{
    [CsvColumn("seq")]
    public long Seq { get; set; }

    [CsvColumn("t_ms")]
    [CsvConverter(typeof(ThreeDecimalsConverter))]
    public double TMs { get; set; }

    [CsvColumn("source")]
    public string Source { get; set; } = "";

    [CsvColumn("target")]
    public string Target { get; set; } = "";

    [CsvColumn("connect_us")]
    public long ConnectUs { get; set; }

    [CsvColumn("syscall_us", Optional = true)]
    public long SyscallUs { get; set; }
}
