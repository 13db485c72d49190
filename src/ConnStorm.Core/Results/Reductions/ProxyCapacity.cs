using ConnStorm.Scenarios;

namespace ConnStorm.Results.Reductions;

/// <summary>
/// proxy-capacity's data: one x slot per (port range, backends), ranges outer so "what lifts it" reads
/// left to right, and one series per proxy_source with what it carried and the rule's capacity
/// (range × backends × source addresses).
/// </summary>
public sealed record ProxyCapacity(IReadOnlyList<(int Range, int Backends)> Slots, IReadOnlyList<ProxySourceSeries> Sources)
{
    /// <summary>Null when no run had a proxy.</summary>
    public static ProxyCapacity? Of(IEnumerable<RunRow> runs)
    {
        var rows = runs.Where(r => r.ProxyBackends is not null && r.ProxySource is not null).ToList();
        if (rows.Count == 0)
        {
            return null;
        }
        var slots = rows.Select(Slot).Distinct().OrderBy(s => s.Range).ThenBy(s => s.Backends).ToList();
        var sources = rows.GroupBy(r => r.ProxySource!).Select(g => new ProxySourceSeries(g.Key,
            [.. g.OrderBy(r => slots.IndexOf(Slot(r))).Select(r => new Point(slots.IndexOf(Slot(r)), r.MaxEstablished))],
            [.. g.OrderBy(r => slots.IndexOf(Slot(r))).Select(r => new Point(slots.IndexOf(Slot(r)), Rule(r)))])).ToList();
        return new ProxyCapacity(slots, sources);
    }

    private static (int Range, int Backends) Slot(RunRow r) => (r.PortRangeSize ?? 0, r.ProxyBackends!.Value);

    /// <summary>range × backends × source addresses.</summary>
    public static long Rule(RunRow r) => (long)(r.PortRangeSize ?? 0) * (r.ProxyBackends ?? 0) * SourceCount(r.ProxySource ?? "none");

    /// <summary>"none" and one address count 1; "A-B" counts the addresses from A to B.</summary>
    public static int SourceCount(string source)
    {
        try
        {
            return source == "none" ? 1 : Math.Max(1, EndpointPattern.ExpandAddresses(source).Count);
        }
        catch (FormatException)
        {
            return 1;
        }
    }
}

/// <summary>One proxy_source's runs: carried (x slot, max_established) and the rule (x slot, capacity).</summary>
public sealed record ProxySourceSeries(string Source, IReadOnlyList<Point> Carried, IReadOnlyList<Point> Rule)
{
    public string Label => $"proxy source: {(Source == "none" ? "none (the kernel picks 127.0.0.1)" : Source)}";
}
