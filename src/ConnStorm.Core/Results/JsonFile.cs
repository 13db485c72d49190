using System.Text.Encodings.Web;
using System.Text.Json;

namespace ConnStorm.Results;

/// <summary>
/// The JSON files of a results folder that are ConnStorm's own records (manifest.json, cluster.json):
/// indented, snake_case keys (dictionary keys such as sysctl names stay as they are), UTC times.
/// </summary>
internal static class JsonFile
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        IndentSize = 2,
        // Files for people and jq, never embedded in HTML: keep '+' in versions and 'µ' in notes readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new UtcDateTimeConverter() },
    };

    /// <summary>Writes then renames, so a reader (or a kill) never sees half a file.</summary>
    public static void Write<T>(string path, T value)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(value, Options) + "\n");
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Reads <paramref name="path"/>; an empty document is <see cref="InvalidDataException"/>.</summary>
    public static T Read<T>(string path) =>
        JsonSerializer.Deserialize<T>(File.ReadAllText(path), Options)
        ?? throw new InvalidDataException($"{path}: empty {Path.GetFileName(path)}");
}
