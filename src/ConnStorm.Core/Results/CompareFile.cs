using System.Globalization;
using System.Text.Json;

namespace ConnStorm.Results;

/// <summary>
/// A compare folder as the plots read it: compare.json's columns, each with the data the comparison
/// was made from (sources/N/runs.csv or sources/N/probes.json, copied there by compare).
/// </summary>
public sealed record CompareFile(string Kind, IReadOnlyList<CompareSource> Columns)
{
    public const string SourcesDir = "sources";

    public bool IsRuns => Kind == "runs";

    private sealed record Document(string Schema, string Kind, IReadOnlyList<Column> Columns);

    private sealed record Column(int Number, string Name, string KernelRelease, string Hostname, string? Where);

    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Reads <paramref name="dir"/>/compare.json and its sources; a source that is gone leaves its column empty.</summary>
    public static CompareFile Read(string dir)
    {
        var path = Path.Combine(dir, ResultFiles.Compare);
        Document doc;
        try
        {
            doc = JsonSerializer.Deserialize<Document>(File.ReadAllText(path), Options)
                ?? throw new InvalidDataException($"{path}: empty compare.json");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid compare.json: {e.Message}", e);
        }
        var columns = doc.Columns.Select(c =>
        {
            var source = Path.Combine(dir, SourcesDir, c.Number.ToString(CultureInfo.InvariantCulture));
            var runs = Path.Combine(source, ResultFiles.Runs);
            var probes = Path.Combine(source, ResultFiles.Probes);
            return new CompareSource(c.Number, c.Name, c.KernelRelease, c.Hostname, c.Where)
            {
                Runs = doc.Kind == "runs" && File.Exists(runs) ? RunsCsv.Read(runs) : [],
                Probes = doc.Kind == "probes" && File.Exists(probes) ? ProbesFile.Read(probes) : null,
            };
        }).ToList();
        return new CompareFile(doc.Kind, columns);
    }
}

/// <summary>One compared folder: compare.json's column and the data copied from it.</summary>
public sealed record CompareSource(int Number, string Name, string KernelRelease, string Hostname, string? Where)
{
    public IReadOnlyList<RunRow> Runs { get; init; } = [];

    public ProbesFile? Probes { get; init; }

    /// <summary>"kernel?" when the folder did not record one, so a label is never empty.</summary>
    public string Kernel => KernelRelease.Length > 0 ? KernelRelease : "kernel?";

    public string Host => Hostname.Length > 0 ? Hostname : "host?";

    /// <summary>"(1) 6.8.0-45-generic · vm": what a plot's key calls the folder.</summary>
    public string Legend => $"({Number}) {Kernel} · {Host}";
}
