using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConnStorm.Probes;

/// <summary>One probe's run: how long it took, and why it failed if it could not run.</summary>
public sealed record ProbeRunInfo(string Name, string Description, double Seconds, string? Error);

/// <summary>A claim from folklore with the verdict measured by the probes, and the cases that show it.</summary>
public sealed record ProbeClaim(string Claim, string Verdict, string Evidence, IReadOnlyList<string> Cases);

/// <summary>
/// probes.json (schema connstorm.probes/1): the machine, every probe run and every case, and
/// the claims judged from them. Stable: compare and later kernels read it.
/// </summary>
public sealed record ProbesDocument
{
    public const string CurrentSchema = "connstorm.probes/1";
    public const string FileName = Results.ResultFiles.Probes;

    public string Schema { get; init; } = CurrentSchema;
    public string ToolVersion { get; init; } = "";
    public string KernelRelease { get; init; } = "";
    public string Hostname { get; init; } = "";
    /// <summary>"host" (labs on this machine) or "vm" (inside a micro-VM).</summary>
    public string Where { get; init; } = "host";
    public DateTime StartedUtc { get; init; }
    public DateTime EndedUtc { get; init; }
    public IReadOnlyList<ProbeRunInfo> Probes { get; init; } = [];
    public IReadOnlyList<ProbeCase> Cases { get; init; } = [];
    public IReadOnlyList<ProbeClaim> Claims { get; init; } = [];

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>One case per line on a probe process's stdout.</summary>
    public static readonly JsonSerializerOptions Line = new(Json) { WriteIndented = false };

    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    public static ProbesDocument Read(string path) =>
        JsonSerializer.Deserialize<ProbesDocument>(File.ReadAllText(path), Json)
        ?? throw new InvalidDataException($"{path} is empty");
}
