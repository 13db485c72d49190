using System.Text.Encodings.Web;
using System.Text.Json;

namespace ConnStorm.Compare;

/// <summary>compare.json ("connstorm.compare/1"): compare.md's content for machines; cells are null where a folder has no such row.</summary>
public static class JsonReport
{
    public const string FileName = Results.ResultFiles.Compare;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        IndentSize = 2,
        // For people and jq, never embedded in HTML: keep '≠', '—' and '·' readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private sealed record Document(
        string Schema, string Kind, int Differing, int RowCount, IReadOnlyList<Column> Columns, IReadOnlyList<Row> Rows, IReadOnlyList<string> Plots);

    private sealed record Column(int Number, string Dir, string Name, string Schema, string KernelRelease, string Hostname, string? Where, string ToolVersion);

    /// <summary>Key as name → value ("variant": "connect", ...), so a script need not know the key order.</summary>
    private sealed record Row(string Table, Dictionary<string, string> Key, IReadOnlyList<string?> Cells, bool Differs);

    public static string Build(CompareReport report, IReadOnlyList<string> images)
    {
        var doc = new Document(
            CompareReport.Schema,
            report.Kind == CompareKind.Runs ? "runs" : "probes",
            report.DifferingCount,
            report.Rows.Count,
            [.. report.Columns.Select(c => new Column(c.Number, c.Dir, c.Name, c.Schema, c.KernelRelease, c.Hostname, c.Where, c.ToolVersion))],
            [.. report.Rows.Select(r => new Row(
                r.Table.ToString().ToLowerInvariant(),
                CompareReport.KeyNames(r.Table).Zip(r.Key).ToDictionary(p => p.First, p => p.Second),
                r.Cells,
                r.Differs))],
            [.. images.Select(i => i + ".png")]);
        return JsonSerializer.Serialize(doc, Options) + "\n";
    }

    /// <summary>Reads compare.json back into the report it was written from (what compare.md and report.html show).</summary>
    public static CompareReport Read(string path)
    {
        var doc = JsonSerializer.Deserialize<Document>(File.ReadAllText(path), Options)
            ?? throw new InvalidDataException($"{path}: empty compare.json");
        var kind = doc.Kind == "runs" ? CompareKind.Runs : CompareKind.Probes;
        var columns = doc.Columns.Select(c => new CompareColumn(c.Number, c.Dir, c.Name, kind, c.Schema, c.KernelRelease, c.Hostname)
        {
            Where = c.Where,
            ToolVersion = c.ToolVersion,
        });
        var rows = doc.Rows.Select(r =>
        {
            var table = Enum.Parse<CompareTable>(r.Table, ignoreCase: true);
            return new CompareRow(table, [.. CompareReport.KeyNames(table).Select(k => r.Key.GetValueOrDefault(k, ""))], r.Cells);
        });
        return new CompareReport(kind, [.. columns], [.. rows]);
    }
}
