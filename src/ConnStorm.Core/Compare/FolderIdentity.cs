using System.Text.Json;
using ConnStorm.Results;

namespace ConnStorm.Compare;

/// <summary>What a folder is (runs or probes) and its schema, read before anything else so mismatches are caught early.</summary>
internal sealed record FolderIdentity(string Dir, CompareKind Kind, string Schema)
{
    public string Describe => $"{Dir}: {(Kind == CompareKind.Runs ? "runs (manifest.json + runs.csv)" : "probes (probes.json)")}, schema {Schema}";

    /// <summary>Throws <see cref="CompareException"/> for a folder that is missing, neither kind, or both.</summary>
    public static FolderIdentity Of(string dir)
    {
        if (!Directory.Exists(dir))
        {
            throw new CompareException($"{dir}: no such folder");
        }
        var manifest = Path.Combine(dir, ManifestWriter.FileName);
        var probes = Path.Combine(dir, ProbesFile.FileName);
        bool isRuns = File.Exists(manifest) && File.Exists(Path.Combine(dir, RunsCsv.FileName));
        bool isProbes = File.Exists(probes);
        return (isRuns, isProbes) switch
        {
            (true, false) => new FolderIdentity(dir, CompareKind.Runs, SchemaOf(manifest)),
            (false, true) => new FolderIdentity(dir, CompareKind.Probes, SchemaOf(probes)),
            (true, true) => throw new CompareException($"{dir}: holds both runs (runs.csv) and probes (probes.json); compare one kind at a time"),
            _ => throw new CompareException(
                $"{dir}: not a ConnStorm results folder (neither manifest.json + runs.csv of runs nor probes.json of probes)"),
        };
    }

    /// <summary>The top-level "schema" string; "(none)" when there is none, so the mismatch message can say so.</summary>
    private static string SchemaOf(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("schema", out var schema)
                && schema.ValueKind == JsonValueKind.String
                ? schema.GetString()!
                : "(none)";
        }
        catch (JsonException e)
        {
            throw new CompareException($"{path}: not valid JSON: {e.Message}", e);
        }
    }
}
