using System.Globalization;
using ConnStorm.Probes;

namespace ConnStorm.Exporters;

/// <summary>report.html's body for a probes folder: what probes.md says, as tables.</summary>
internal static class ProbesHtml
{
    public static HtmlPage Page(ProbesDocument doc, IReadOnlyList<(string Name, string Svg)> plots)
    {
        var page = new HtmlPage($"ConnStorm probes: {doc.KernelRelease}")
            .Heading(1, "ConnStorm probes")
            .Paragraph($"kernel {doc.KernelRelease} · host {doc.Hostname} · {(doc.Where == "vm" ? "in a micro-VM" : "in network namespaces")} · {doc.StartedUtc.ToString("u", CultureInfo.InvariantCulture)}", "meta")
            .Paragraph(ProbesReportExporter.Intro(doc));
        page.Heading(2, "Claims").Paragraph(ProbesReportExporter.ClaimsExplained);
        page.Table(["claim", "verdict", "evidence", "cases"], doc.Claims.Select(c => RunsHtml.Row(
            HtmlPage.Cell(c.Claim),
            HtmlPage.Cell(c.Verdict, HtmlPage.VerdictClass(c.Verdict)),
            HtmlPage.Cell(c.Evidence),
            HtmlPage.Cell(ProbesReportExporter.CaseList(c.Cases)))), "verdicts");
        foreach (var info in doc.Probes)
        {
            page.Heading(2, info.Name).Paragraph(string.Create(CultureInfo.InvariantCulture, $"{info.Description} ({info.Seconds:0.0} s)"));
            if (info.Error is not null)
            {
                page.ParagraphHtml("<b>The probe could not finish:</b> " + HtmlPage.Encode(info.Error));
            }
            var cases = ProbesReportExporter.CasesOf(doc, info.Name);
            if (cases.Count > 0)
            {
                page.Table(["case", "inputs", "outcome", "figures"], cases.Select(c => RunsHtml.Row(
                    HtmlPage.Cell(c.Case, "nowrap"),
                    HtmlPage.Cell(ProbesReportExporter.Inputs(c)),
                    c.Outcome == ProbeCase.Error ? HtmlPage.Cell(c.Errno, "error") : HtmlPage.Cell(c.Outcome, "nowrap"),
                    HtmlPage.Cell(ProbesReportExporter.Figures(c)))));
            }
        }
        return page.Plots(plots);
    }
}
