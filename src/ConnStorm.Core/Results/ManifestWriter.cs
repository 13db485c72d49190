using System.Text.Json;

namespace ConnStorm.Results;

/// <summary>Reads and writes manifest.json (indented, snake_case keys; dictionary keys such as sysctl names stay as they are).</summary>
public static class ManifestWriter
{
    public const string FileName = ResultFiles.Manifest;

    public static void Write(string path, Manifest manifest) => JsonFile.Write(path, manifest);

    /// <summary>Reads a manifest back. Scenario values come back as <see cref="JsonElement"/>s.</summary>
    public static Manifest Read(string path) => JsonFile.Read<Manifest>(path);
}
