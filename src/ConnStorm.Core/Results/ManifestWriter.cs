using System.Text.Encodings.Web;
using System.Text.Json;

namespace ConnStorm.Results;

/// <summary>Reads and writes manifest.json (indented, snake_case keys; dictionary keys such as sysctl names stay as they are).</summary>
public static class ManifestWriter
{
    public const string FileName = ResultFiles.Manifest;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        IndentSize = 2,
        // A file for people and jq, never embedded in HTML: keep '+' in versions and 'µ' in notes readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new UtcDateTimeConverter() },
    };

    public static void Write(string path, Manifest manifest)
    {
        // Write then rename, so a reader (or a kill) never sees half a manifest.
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(manifest, Options) + "\n");
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Reads a manifest back. Scenario values come back as <see cref="JsonElement"/>s.</summary>
    public static Manifest Read(string path) =>
        JsonSerializer.Deserialize<Manifest>(File.ReadAllText(path), Options)
        ?? throw new InvalidDataException($"{path}: empty manifest");
}
