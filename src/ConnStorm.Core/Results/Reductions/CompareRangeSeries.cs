namespace ConnStorm.Results.Reductions;

/// <summary>
/// port-range-compare's data: per variant (a panel each), one line per compared folder ×
/// (targets, source IPs), the mean held per port range size.
/// </summary>
public sealed record CompareRangeSeries(int Folder, string FolderLegend, int Targets, int SourceIps, int SeriesIndex, IReadOnlyList<Point> Means)
{
    public string Label => Labels.Endpoints(Targets, SourceIps);

    /// <summary>Variants in first-seen order, each with its lines; a series keeps its index (colour) in every folder.</summary>
    public static IReadOnlyList<(string Variant, IReadOnlyList<CompareRangeSeries> Lines)> Of(CompareFile compare)
    {
        var rows = compare.Columns.SelectMany(c => c.Runs.Where(r => r.PortRangeSize is not null)).ToList();
        var variants = rows.Select(r => r.Variant).Distinct(StringComparer.Ordinal).ToList();
        return [.. variants.Select(variant =>
        {
            var series = rows.Where(r => r.Variant == variant).Select(r => (r.Targets, r.SourceIps)).Distinct().ToList();
            var lines = new List<CompareRangeSeries>();
            foreach (var column in compare.Columns)
            {
                for (var s = 0; s < series.Count; s++)
                {
                    var means = PortRangeSeries.MeansOf(column.Runs.Where(r => r.Variant == variant && (r.Targets, r.SourceIps) == series[s]));
                    if (means.Count > 0)
                    {
                        lines.Add(new CompareRangeSeries(column.Number, column.Legend, series[s].Targets, series[s].SourceIps, s, means));
                    }
                }
            }
            return (variant, (IReadOnlyList<CompareRangeSeries>)lines);
        })];
    }
}
