using ConnStorm.Results;

namespace ConnStorm.Verdicts;

/// <summary>
/// For bind(ip, 0): whether more destinations raised the limit, read from runs that differ only
/// in their destination count (same range, same source IPs) and reached a failure.
/// </summary>
internal static class DestinationsEvidence
{
    public static string? Sentence(IReadOnlyList<RowFit> fits)
    {
        var groups = fits
            .Where(f => f.Fit != Fit.Untested)
            .GroupBy(f => (f.Row.PortRangeSize, Ips: Say.SourceIps(f.Row)))
            .Where(g => g.Select(f => f.Row.Targets).Distinct().Count() > 1)
            .ToList();
        if (groups.Count == 0)
        {
            return null;
        }
        var sentences = groups.Select(g =>
        {
            var fewest = g.OrderBy(f => f.Row.Targets).ThenBy(f => f.Row.Run).First().Row;
            var most = g.OrderByDescending(f => f.Row.Targets).ThenBy(f => f.Row.Run).First().Row;
            var raised = most.MaxEstablished > fewest.MaxEstablished ? "more destinations raised it" : "more destinations did not raise it";
            return $"{raised}: {Held(fewest)}, {Held(most)}";
        });
        return string.Join("; ", sentences);
    }

    private static string Held(RunRow row) =>
        $"{Say.Run(row)} held {Say.N(row.MaxEstablished)} with {Say.Count(row.Targets, "destination", "destinations")}";
}
