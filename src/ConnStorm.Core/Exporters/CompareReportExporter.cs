using System.Text;
using ConnStorm.Compare;
using ConnStorm.Results;

namespace ConnStorm.Exporters;

/// <summary>compare.md: the count of differing rows first, then one table per kind of item, then the plots.</summary>
public sealed class CompareReportExporter : FileExporter
{
    public const string Absent = "—";

    public const string DiffMark = "≠";

    public override string Name => "compare";

    protected override IEnumerable<(string Relative, string Text)> Files(ResultsModel results)
    {
        if (results.Kind != ResultsKind.Compare)
        {
            return [];
        }
        var report = JsonReport.Read(results.PathOf(ResultFiles.Compare));
        return [(ResultFiles.CompareReport, Render(report, PlotFile.In(results)))];
    }

    public static string Render(CompareReport report, IReadOnlyList<PlotFile> plots)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(plots);
        var md = new StringBuilder();
        md.Append($"# {Title(report)}\n\n");
        md.Append($"**{report.DifferingCount} of {report.Rows.Count} rows differ**{PerTable(report)}.\n\n");
        md.Append(Legend).Append("\n\n");

        md.Append("## Folders\n\n");
        foreach (var c in report.Columns)
        {
            md.Append($"{c.Number}. `{c.Dir}`: {FolderLine(c)}\n");
        }

        foreach (var table in report.Tables)
        {
            md.Append($"\n## {Heading(table)}\n\n{Explanation(table)}\n\n");
            AppendTable(md, report, table);
        }

        if (plots.Count > 0)
        {
            md.Append("\n## Plots\n\n");
            foreach (var plot in plots)
            {
                md.Append($"![{plot.Name}]({plot.Image})\n\n");
            }
        }
        return md.ToString();
    }

    public static string Title(CompareReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return $"Comparison of {report.Columns.Count} {(report.Kind == CompareKind.Runs ? "runs" : "probes")} folders";
    }

    /// <summary>" (1 of 30 cases, 2 of 10 claims)" when the report has more than one table, else empty.</summary>
    public static string PerTable(CompareReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Tables.Count <= 1 ? "" : " (" + string.Join(", ", report.Tables.Select(t =>
        {
            var rows = report.RowsOf(t);
            return $"{rows.Count(r => r.Differs)} of {rows.Count} {TableName(t)}";
        })) + ")";
    }

    public static string Legend => $"Rows marked {DiffMark} differ between the folders, and their values are in bold; {Absent} means the folder has no such row (which counts as a difference).";

    /// <summary>"kernel 6.1.0, host vm, where vm, connstorm 0.1.0".</summary>
    public static string FolderLine(CompareColumn c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var where = c.Where is { Length: > 0 } w ? $", where {w}" : "";
        var tool = c.ToolVersion.Length > 0 ? $", connstorm {c.ToolVersion}" : "";
        return $"kernel {c.Kernel}, host {c.Host}{where}{tool}";
    }

    private static void AppendTable(StringBuilder md, CompareReport report, CompareTable table)
    {
        var rows = report.RowsOf(table);
        if (rows.Count == 0)
        {
            md.Append("(none in any folder)\n");
            return;
        }
        var keys = CompareReport.KeyNames(table);
        // Kernel on top (what is being compared), host and folder below, so two folders of one kernel are told apart.
        var headers = keys.Concat(report.Columns.Select(c => $"({c.Number}) {c.Kernel}<br>{c.Host} · {c.Name}"));
        md.Append("| ").Append(string.Join(" | ", headers.Select(Escape))).Append(" |\n");
        md.Append('|').Append(string.Concat(Enumerable.Repeat(" --- |", keys.Count + report.Columns.Count))).Append('\n');
        foreach (var row in rows)
        {
            var cells = new List<string>();
            for (var i = 0; i < row.Key.Count; i++)
            {
                var text = Escape(row.Key[i]);
                cells.Add(i == 0 && row.Differs ? $"{DiffMark} {text}" : text);
            }
            foreach (var cell in row.Cells)
            {
                var text = Escape(cell ?? Absent);
                cells.Add(row.Differs ? $"**{text}**" : text);
            }
            md.Append("| ").Append(string.Join(" | ", cells)).Append(" |\n");
        }
    }

    private static string TableName(CompareTable table) => table switch
    {
        CompareTable.Runs => "runs",
        CompareTable.Cases => "cases",
        _ => "claims",
    };

    public static string Heading(CompareTable table) => table switch
    {
        CompareTable.Runs => "Runs",
        CompareTable.Cases => "Probe cases",
        _ => "Claims",
    };

    public static string Explanation(CompareTable table) => table switch
    {
        CompareTable.Runs => "One row per variant, port range size, destinations and source IPs. Each cell: connections held at once (max_established), then the first failure's errno and the phase it happened in. Repeats of a row are separated by /.",
        CompareTable.Cases => "One row per probe case. Each cell: the outcome (ok, observed, or the errno of an error), then the case's numbers as name=value, sorted by name.",
        _ => "One row per claim. Each cell: the verdict in that folder.",
    };

    /// <summary>A pipe would end the cell and a line break the row.</summary>
    private static string Escape(string text) =>
        text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
