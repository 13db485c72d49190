using System.Globalization;
using ConnStorm.Compare;
using ConnStorm.Probes;
using ConnStorm.Results;

namespace ConnStorm.Exporters;

/// <summary>
/// report.html: the folder's summary as one page that opens offline, with every plot inline as SVG
/// (written after the plots, so it finds their NAME.svg files).
/// </summary>
public sealed class ReportHtmlExporter : FileExporter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public override string Name => "report";

    protected override IEnumerable<(string Relative, string Text)> Files(ResultsModel results)
    {
        HtmlPage? page = results.Kind switch
        {
            ResultsKind.Runs when results.Runs.Count == 0 => null,
            ResultsKind.Runs when SummaryExporter.IsSingle(results) => RunsHtml.Single(RunFacts.Of(results, results.Runs[0])),
            ResultsKind.Runs => RunsHtml.Sweep(SweepFacts.Of(results)),
            ResultsKind.Probes => ProbesHtml.Page(ProbesDocument.Read(results.PathOf(ResultFiles.Probes))),
            _ => CompareHtml.Page(JsonReport.Read(results.PathOf(ResultFiles.Compare))),
        };
        if (page is null)
        {
            return [];
        }
        AddPlots(page, results);
        return [(ResultFiles.Report, page.ToString())];
    }

    private static void AddPlots(HtmlPage page, ResultsModel results)
    {
        var plots = PlotFile.In(results).Where(p => p.Svg is not null).ToList();
        if (plots.Count == 0)
        {
            return;
        }
        page.Heading(2, "Plots");
        for (int i = 0; i < plots.Count; i++)
        {
            var svg = InlineSvg.From(File.ReadAllText(results.PathOf(plots[i].Svg!)), string.Create(Inv, $"plot{i + 1}-"));
            page.Figure(plots[i].Name, svg);
        }
    }
}
