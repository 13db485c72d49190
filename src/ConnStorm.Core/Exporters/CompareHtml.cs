using ConnStorm.Compare;

namespace ConnStorm.Exporters;

/// <summary>report.html's body for a comparison: what compare.md says, as tables, differing rows marked.</summary>
internal static class CompareHtml
{
    public static HtmlPage Page(CompareReport report, IReadOnlyList<(string Name, string Svg)> plots)
    {
        var title = CompareReportExporter.Title(report);
        var page = new HtmlPage(title)
            .Heading(1, title)
            .Paragraph(string.Join(" · ", report.Columns.Select(c => $"({c.Number}) {c.Kernel} on {c.Host}")), "meta")
            .ParagraphHtml($"<b>{HtmlPage.Encode($"{report.DifferingCount} of {report.Rows.Count} rows differ")}</b>{HtmlPage.Encode(CompareReportExporter.PerTable(report))}.")
            .Paragraph($"Rows marked {CompareReportExporter.DiffMark} differ between the folders (highlighted); {CompareReportExporter.Absent} means the folder has no such row (which counts as a difference).");
        page.Heading(2, "Folders");
        page.Table(["", "folder", "kernel, host"], report.Columns.Select(c => RunsHtml.Row(
            HtmlPage.Cell($"({c.Number})", "num"), HtmlPage.CellHtml("<code>" + HtmlPage.Encode(c.Dir) + "</code>"), HtmlPage.Cell(CompareReportExporter.FolderLine(c)))));
        // In a long table a few differing rows are hard to find: they come first, on their own.
        if (report.DifferingCount > 0 && report.Rows.Count > ShortTable)
        {
            page.Heading(2, "What differs");
            foreach (var table in report.Tables.Where(t => report.RowsOf(t).Any(r => r.Differs)))
            {
                page.Heading(3, CompareReportExporter.Heading(table));
                Table(page, report, table, [.. report.RowsOf(table).Where(r => r.Differs)]);
            }
        }
        foreach (var table in report.Tables)
        {
            page.Heading(2, CompareReportExporter.Heading(table)).Paragraph(CompareReportExporter.Explanation(table));
            var rows = report.RowsOf(table);
            if (rows.Count == 0)
            {
                page.Paragraph("(none in any folder)");
                continue;
            }
            Table(page, report, table, rows);
        }
        return page.Plots(plots);
    }

    /// <summary>Up to this many rows, the tables alone show what differs.</summary>
    public const int ShortTable = 20;

    private static void Table(HtmlPage page, CompareReport report, CompareTable table, IReadOnlyList<CompareRow> rows)
    {
        var headers = CompareReport.KeyNames(table).Concat(report.Columns.Select(c => $"({c.Number}) {c.Kernel} · {c.Host}")).ToList();
        page.Table(headers, rows.Select(row =>
        {
            var cells = row.Key.Select((k, i) => HtmlPage.Cell(i == 0 && row.Differs ? $"{CompareReportExporter.DiffMark} {k}" : k, "nowrap"))
                .Concat(row.Cells.Select(c => HtmlPage.Cell(c ?? CompareReportExporter.Absent)))
                .ToList();
            return ((IReadOnlyList<string>)cells, row.Differs ? "differs" : null);
        }));
    }
}
