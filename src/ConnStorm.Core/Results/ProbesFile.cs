using System.Text.Encodings.Web;
using System.Text.Json;

namespace ConnStorm.Results;

/// <summary>
/// probes.json as compare and the plots read it ("connstorm.probes/1"). Only what a comparison shows is modelled;
/// other fields are ignored, so the probes module may add some without breaking compare.
/// </summary>
public sealed record ProbesFile
{
    public const string FileName = ResultFiles.Probes;
    public const string CurrentSchema = "connstorm.probes/1";

    public string Schema { get; init; } = "";
    public string ToolVersion { get; init; } = "";
    public string KernelRelease { get; init; } = "";
    public string Hostname { get; init; } = "";
    public string? Where { get; init; }
    public IReadOnlyList<ProbesFileCase> Cases { get; init; } = [];
    public IReadOnlyList<ProbesFileClaim> Claims { get; init; } = [];

    internal static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static ProbesFile Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<ProbesFile>(File.ReadAllText(path), Options)
                ?? throw new InvalidDataException($"{path}: empty probes.json");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid probes.json: {e.Message}", e);
        }
    }
}

/// <summary>One case of a probe: "ok", "observed", or "error" with an errno name; numbers by name; values in call order.</summary>
public sealed record ProbesFileCase
{
    public string Probe { get; init; } = "";
    public string Case { get; init; } = "";
    public Dictionary<string, JsonElement>? Inputs { get; init; }
    public string Outcome { get; init; } = "";
    public string? Errno { get; init; }
    public Dictionary<string, double?>? Numbers { get; init; }
    public IReadOnlyList<long>? Values { get; init; }
    /// <summary>Numbers that vary from run to run (probes.json "volatile"); absent in older files.</summary>
    public IReadOnlyList<string>? Volatile { get; init; }
}

public sealed record ProbesFileClaim
{
    public string Claim { get; init; } = "";
    public string Verdict { get; init; } = "";
    public string? Evidence { get; init; }
}
