using System.Text.Encodings.Web;
using System.Text.Json;
using ConnStorm.Results;

namespace ConnStorm.Cluster;

/// <summary>cluster.json: the fleet of a cluster run and what became of each host in each run (schema connstorm.cluster/1).</summary>
public sealed record ClusterDocument
{
    public const string CurrentSchema = "connstorm.cluster/1";

    public string Schema { get; init; } = CurrentSchema;
    public string Nats { get; init; } = "";
    public string CoordinatorHostname { get; init; } = "";
    public IReadOnlyList<ClusterHost> Hosts { get; init; } = [];
    public IReadOnlyList<ClusterRun> Runs { get; init; } = [];

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        IndentSize = 2,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new UtcDateTimeConverter() },
    };

    public static void Write(string dir, ClusterDocument doc)
    {
        string path = Path.Combine(dir, ResultFiles.Cluster);
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(doc, Options) + "\n");
        File.Move(path + ".tmp", path, overwrite: true);
    }

    public static ClusterDocument Read(string dir) =>
        JsonSerializer.Deserialize<ClusterDocument>(File.ReadAllText(Path.Combine(dir, ResultFiles.Cluster)), Options)
        ?? throw new InvalidDataException($"{dir}: empty {ResultFiles.Cluster}");
}

/// <summary>One agent as it announced itself, with its clock as the coordinator measured it.</summary>
/// <param name="ClockOffsetMs">Agent clock minus coordinator clock (agent time - offset = coordinator time).</param>
public sealed record ClusterHost(string Name, string KernelRelease, int Cores, ulong RlimitNofile,
    IReadOnlyList<string> Addresses, string PortRange, double ClockOffsetMs, double RttMs, string Role = "load");

/// <param name="RunDir">"." without a sweep, else runs/&lt;id&gt;.</param>
/// <param name="StartUtc">The common start, coordinator clock.</param>
public sealed record ClusterRun(int Run, string Id, string RunDir, DateTime StartUtc, IReadOnlyList<ClusterRunHost> Hosts);

/// <param name="Status">complete | lost | refused | failed</param>
/// <param name="LostAtMs">Milliseconds after start_utc when its heartbeats stopped; null unless lost.</param>
public sealed record ClusterRunHost(string Name, string Status, double? LostAtMs, long Attempts, string? Error);
