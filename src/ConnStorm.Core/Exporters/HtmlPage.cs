using System.Net;
using System.Text;

namespace ConnStorm.Exporters;

/// <summary>
/// A self-contained HTML page being written: inline CSS only, no script, every text escaped. The
/// methods take plain text (escaped here) unless their parameter says html.
/// </summary>
public sealed class HtmlPage
{
    private readonly StringBuilder _body = new();
    private readonly string _title;

    public HtmlPage(string title) => _title = title;

    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    public HtmlPage Heading(int level, string text)
    {
        _body.Append("<h").Append(level).Append('>').Append(Encode(text)).Append("</h").Append(level).Append(">\n");
        return this;
    }

    public HtmlPage Paragraph(string text, string? cssClass = null) => ParagraphHtml(Encode(text), cssClass);

    public HtmlPage ParagraphHtml(string html, string? cssClass = null)
    {
        _body.Append(cssClass is null ? "<p>" : $"<p class=\"{cssClass}\">").Append(html).Append("</p>\n");
        return this;
    }

    public HtmlPage List(IEnumerable<string> items)
    {
        _body.Append("<ul>\n");
        foreach (var item in items)
        {
            _body.Append("<li>").Append(Encode(item)).Append("</li>\n");
        }
        _body.Append("</ul>\n");
        return this;
    }

    /// <summary>A table; each cell is html (use <see cref="Cell"/>), each row may carry a class. No headers: no header row (a table of label and value).</summary>
    public HtmlPage Table(IReadOnlyList<string> headers, IEnumerable<(IReadOnlyList<string> CellsHtml, string? RowClass)> rows, string? cssClass = null)
    {
        // A table wider than the page (a comparison of many folders) scrolls by itself; the page does not.
        _body.Append("<div class=\"scroll\">").Append(cssClass is null ? "<table>\n" : $"<table class=\"{cssClass}\">\n");
        if (headers.Count > 0)
        {
            _body.Append("<thead><tr>");
            foreach (var h in headers)
            {
                _body.Append("<th>").Append(Encode(h)).Append("</th>");
            }
            _body.Append("</tr></thead>\n");
        }
        _body.Append("<tbody>\n");
        foreach (var (cells, rowClass) in rows)
        {
            _body.Append(rowClass is null ? "<tr>" : $"<tr class=\"{rowClass}\">");
            foreach (var cell in cells)
            {
                _body.Append(cell);
            }
            _body.Append("</tr>\n");
        }
        _body.Append("</tbody>\n</table></div>\n");
        return this;
    }

    /// <summary>A td holding <paramref name="text"/>, escaped.</summary>
    public static string Cell(string? text, string? cssClass = null) => CellHtml(Encode(text), cssClass);

    public static string CellHtml(string html, string? cssClass = null) =>
        (cssClass is null ? "<td>" : $"<td class=\"{cssClass}\">") + html + "</td>";

    /// <summary>A "Plots" section, each plot's SVG inline with its name below; nothing when there are none.</summary>
    public HtmlPage Plots(IReadOnlyList<(string Name, string Svg)> plots)
    {
        if (plots.Count > 0)
        {
            Heading(2, "Plots");
        }
        foreach (var (name, svg) in plots)
        {
            _body.Append("<figure>\n").Append(svg).Append("\n<figcaption>").Append(Encode(name)).Append("</figcaption>\n</figure>\n");
        }
        return this;
    }

    /// <summary>
    /// A "Notes" section. A long list (a sweep's notes, several per run) is folded under its count,
    /// so it does not push what follows off the screen; a click opens it (no script: &lt;details&gt;).
    /// </summary>
    public HtmlPage Notes(IReadOnlyList<string> notes)
    {
        if (notes.Count == 0)
        {
            return this;
        }
        Heading(2, "Notes");
        if (notes.Count <= FoldNotesAbove)
        {
            return List(notes);
        }
        _body.Append("<details>\n<summary>").Append(notes.Count).Append(" notes</summary>\n");
        List(notes);
        _body.Append("</details>\n");
        return this;
    }

    public const int FoldNotesAbove = 12;

    /// <summary>The CSS class that colours a verdict: holds, fails, partial or unsettled.</summary>
    public static string VerdictClass(string verdict) =>
        verdict.StartsWith("does not hold", StringComparison.Ordinal) ? "fails"
        : verdict.StartsWith("holds only", StringComparison.Ordinal) ? "partial"
        : verdict.StartsWith("holds", StringComparison.Ordinal) ? "holds"
        : "unsettled";

    public override string ToString() =>
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<title>" + Encode(_title) + "</title>\n<style>\n" + Css + "</style>\n</head>\n<body>\n<main>\n"
        + _body + "</main>\n</body>\n</html>\n";

    private const string Css = """
        body { margin: 0; background: #fff; color: #1f2328; font: 15px/1.5 "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; }
        main { max-width: 1280px; margin: 0 auto; padding: 24px 32px 64px; }
        h1 { font-size: 1.8em; margin: 0.2em 0 0.1em; }
        h2 { font-size: 1.3em; margin: 1.8em 0 0.6em; padding-bottom: 0.2em; border-bottom: 1px solid #d0d7de; }
        h3 { font-size: 1.1em; margin: 1.4em 0 0.4em; }
        p, li { max-width: 80em; }
        .meta { color: #57606a; margin-top: 0; }
        .scroll { overflow-x: auto; margin: 0.6em 0 1.2em; }
        table { border-collapse: collapse; font-size: 0.92em; }
        th, td { border: 1px solid #d0d7de; padding: 5px 9px; text-align: left; vertical-align: top; }
        th { background: #f6f8fa; font-weight: 600; }
        tbody tr:nth-child(even) { background: #f9fafb; }
        td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        td.nowrap { white-space: nowrap; }
        tr.missing td { background: #fdecea; }
        td.holds, td.fails, td.partial, td.unsettled { font-weight: 600; min-width: 7em; max-width: 16em; }
        td.holds { background: #dafbe1; color: #116329; }
        td.fails { background: #ffebe9; color: #a40e26; }
        td.partial { background: #fff8c5; color: #7d4e00; }
        td.unsettled { background: #eaeef2; color: #57606a; }
        table.verdicts td:first-child { min-width: 16em; }
        table.verdicts td:nth-child(3) { min-width: 24em; }
        table.verdicts td:nth-child(4) { min-width: 7em; }
        details > summary { cursor: pointer; color: #0969da; margin: 0.4em 0; }
        tr.differs td { background: #fff8c5; }
        td.error { color: #a40e26; font-weight: 600; }
        code { font-family: "DejaVu Sans Mono", monospace; background: #f6f8fa; padding: 0 3px; }
        figure { margin: 1em 0 1.6em; padding: 8px; border: 1px solid #d0d7de; }
        figure svg { display: block; width: 100%; height: auto; }
        figcaption { color: #57606a; font-size: 0.9em; margin-top: 4px; }
        a { color: #0969da; }

        """;
}
