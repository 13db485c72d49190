using ConnStorm.Results.Csv;
using CsvHelper;

namespace ConnStorm.Results;

/// <summary>One row of hosts.csv: one host in one run of a cluster experiment. Null fields are written empty.</summary>
[CsvRecord]
public sealed partial record HostRow
{
    [CsvColumn("run")]
    public int Run { get; init; }

    [CsvColumn("host")]
    public string Host { get; init; } = "";

    /// <summary>One of <see cref="HostStatus"/>.</summary>
    [CsvColumn("status")]
    public string Status { get; init; } = HostStatus.Complete;

    [CsvColumn("attempts")]
    public long Attempts { get; init; }

    /// <summary>The most connections this host held open at once.</summary>
    [CsvColumn("max_established")]
    public long MaxEstablished { get; init; }

    [CsvColumn("failures")]
    public long Failures { get; init; }

    [CsvColumn("first_failure_errno")]
    [CsvNullValues("")]
    public string? FirstFailureErrno { get; init; }

    /// <summary>Agent clock minus coordinator clock, ms.</summary>
    [CsvColumn("clock_offset_ms")]
    [CsvConverter(typeof(ThreeDecimalsConverter))]
    public double ClockOffsetMs { get; init; }

    [CsvColumn("rtt_ms")]
    [CsvConverter(typeof(ThreeDecimalsConverter))]
    public double RttMs { get; init; }

    /// <summary>Ms after the run's start when its heartbeats stopped; empty unless lost.</summary>
    [CsvColumn("lost_at_ms")]
    public double? LostAtMs { get; init; }

    [CsvColumn("error")]
    [CsvNullValues("")]
    public string? Error { get; init; }

    /// <summary>The host did not finish its shard (lost, refused or failed).</summary>
    public bool IsMissing => Status != HostStatus.Complete;
}

/// <summary>hosts.csv: one row per (run, host) of a cluster run.</summary>
public static class HostsCsv
{
    public const string FileName = ResultFiles.Hosts;

    public static void Write(string path, IEnumerable<HostRow> rows)
    {
        using var csv = CsvSetup.OpenWriter(path);
        csv.WriteHeader<HostRow>();
        foreach (var row in rows)
        {
            csv.WriteRecord(row);
        }
    }

    public static IReadOnlyList<HostRow> Read(string path)
    {
        using var csv = CsvSetup.OpenReader(path);
        return [.. csv.GetRecords<HostRow>()];
    }
}
