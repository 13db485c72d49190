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
        var pairs = groups.Select(g =>
        {
            var fewest = g.OrderBy(f => f.Row.Targets).ThenBy(f => f.Row.Run).First().Row;
            var most = g.OrderByDescending(f => f.Row.Targets).ThenBy(f => f.Row.Run).First().Row;
            return (Fewest: fewest, Most: most, Raised: most.MaxEstablished > fewest.MaxEstablished);
        }).ToList();
        // Where some comparison went the other way, that one is the news; otherwise one example stands for all.
        var shown = pairs.FirstOrDefault(p => p.Raised) is { Fewest: not null } up ? up : pairs.MaxBy(p => p.Most.MaxEstablished);
        string verdict = shown.Raised ? "more destinations raised it" : "more destinations did not raise it";
        string count = pairs.Count > 1 ? $" ({pairs.Count(p => p.Raised == shown.Raised)} of {pairs.Count} comparisons alike)" : "";
        return $"{verdict}{count}: {Held(shown.Fewest)}, {Held(shown.Most)}";
    }

    private static string Held(RunRow row) =>
        $"{Say.Run(row)} held {Say.N(row.MaxEstablished)} with {Say.Count(row.Targets, "destination", "destinations")}";
}
