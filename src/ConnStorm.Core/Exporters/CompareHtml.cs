using ConnStorm.Compare;

namespace ConnStorm.Exporters;

/// <summary>report.html's body for a comparison: what compare.md says, as tables, differing rows marked.</summary>
internal static class CompareHtml
{
    public static HtmlPage Page(CompareReport report)
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
        foreach (var table in report.Tables)
        {
            page.Heading(2, CompareReportExporter.Heading(table)).Paragraph(CompareReportExporter.Explanation(table));
            var rows = report.RowsOf(table);
            if (rows.Count == 0)
            {
                page.Paragraph("(none in any folder)");
                continue;
            }
            var keys = CompareReport.KeyNames(table);
            var headers = keys.Concat(report.Columns.Select(c => $"({c.Number}) {c.Kernel} · {c.Host}")).ToList();
            page.Table(headers, rows.Select(row =>
            {
                var cells = row.Key.Select((k, i) => HtmlPage.Cell(i == 0 && row.Differs ? $"{CompareReportExporter.DiffMark} {k}" : k, "nowrap"))
                    .Concat(row.Cells.Select(c => HtmlPage.Cell(c ?? CompareReportExporter.Absent)))
                    .ToList();
                return ((IReadOnlyList<string>)cells, row.Differs ? "differs" : null);
            }));
        }
        return page;
    }
}
