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
        if (results.Kind == ResultsKind.Runs && results.Runs.Count == 0)
        {
            return [];
        }
        var plots = Plots(results);
        HtmlPage page = results.Kind switch
        {
            ResultsKind.Runs when SummaryExporter.IsSingle(results) => RunsHtml.Single(RunFacts.Of(results, results.Runs[0]), plots),
            ResultsKind.Runs => RunsHtml.Sweep(SweepFacts.Of(results), plots),
            ResultsKind.Probes => ProbesHtml.Page(ProbesDocument.Read(results.PathOf(ResultFiles.Probes)), plots),
            _ => CompareHtml.Page(JsonReport.Read(results.PathOf(ResultFiles.Compare)), plots),
        };
        return [(ResultFiles.Report, page.ToString())];
    }

    /// <summary>Each plot's name and its SVG made fit for inlining (plots with only a PNG are left out: the page stays one file).</summary>
    private static IReadOnlyList<(string Name, string Svg)> Plots(ResultsModel results) =>
        [.. PlotFile.In(results).Where(p => p.Svg is not null).Select((p, i) =>
            (p.Name, InlineSvg.From(File.ReadAllText(results.PathOf(p.Svg!)), string.Create(Inv, $"plot{i + 1}-"))))];
}
