using System.Text.Json.Serialization;

namespace ConnStorm.Probes;

/// <summary>
/// One measured case of a probe: what was tried (<see cref="Inputs"/>), what the kernel did
/// (<see cref="Outcome"/>: "ok", "error" with <see cref="Errno"/> by name, or "observed"),
/// and any figures it yielded. <see cref="Values"/> carries a sequence, such as the ports
/// chosen by successive calls. The probes.json schema (connstorm.probes/1) is this record.
/// </summary>
public sealed record ProbeCase
{
    public const string Ok = "ok", Error = "error", Observed = "observed";

    public required string Probe { get; init; }
    public required string Case { get; init; }
    public IReadOnlyDictionary<string, string> Inputs { get; init; } = new Dictionary<string, string>();
    public required string Outcome { get; init; }
    public string? Errno { get; init; }
    public IReadOnlyDictionary<string, double> Numbers { get; init; } = new Dictionary<string, double>();
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<long>? Values { get; init; }
    /// <summary>Names of the numbers that vary from run to run (see <see cref="VolatileNumbers"/>); null when none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Volatile { get; init; }

    /// <summary>"bind-matrix/tcp-udp-same-port": how claims and reports name a case.</summary>
    [JsonIgnore]
    public string Id => $"{Probe}/{Case}";

    /// <summary>The outcome of a syscall's return value (&gt;= 0 or -errno) as a case.</summary>
    public static (string Outcome, string? Errno) FromReturn(int rc) =>
        rc >= 0 ? (Ok, null) : (Error, Sockets.Errno.Name(-rc));
}
