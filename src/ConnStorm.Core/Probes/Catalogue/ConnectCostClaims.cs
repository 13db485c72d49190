using System.Globalization;
using System.Runtime.Versioning;
using ConnStorm.Results.Reductions;

namespace ConnStorm.Probes.Catalogue;

/// <summary>The claim connect-cost settles, from the case of this run only.</summary>
[SupportedOSPlatform("linux")]
internal sealed partial class ConnectCostProbe
{
    public const string SlowerClaim = "connect() gets slower as one destination's port space fills up";

    public IEnumerable<ProbeClaim> Judge(IReadOnlyList<ProbeCase> cases)
    {
        var c = cases.Find(ConnectCost.Case);
        if (c is null)
        {
            yield return Verdict.Missing(SlowerClaim, $"{Name}/{ConnectCost.Case}");
            yield break;
        }
        double N(string key) => c.Numbers.GetValueOrDefault(key);
        double reference = N(ConnectCost.CostKey(ConnectCost.Reference)), spread = N("cost_ns_10_p90");
        string Us(double ns) => (ns / 1000).ToString("0.0", CultureInfo.InvariantCulture);
        string evidence = string.Create(CultureInfo.InvariantCulture,
            $"{N("connects_ok"):0} of {N("range_size"):0} ports used before {c.Said()}; median connect() at 10% full {Us(reference)} µs (90th percentile {Us(spread)} µs), ")
            + string.Join(", ", ConnectCost.Fills.Where(f => f != ConnectCost.Reference).Select(f =>
                string.Create(CultureInfo.InvariantCulture, $"at {f}% {Us(N(ConnectCost.CostKey(f)))} µs (×{N(ConnectCost.RatioKey(f)):0.00})")))
            + $" ({N("passes"):0} fills, medians of each 1% of the range)";
        double at99 = N(ConnectCost.CostKey(99));
        // Slower means beyond the 10% window's own spread, not a ratio picked in advance.
        string verdict = reference <= 0 || at99 <= 0 ? Verdict.NotSettled
            : at99 > spread ? Verdict.Holds
            : Verdict.DoesNotHold;
        yield return new ProbeClaim(SlowerClaim, verdict, evidence, [c.Id]);
    }
}
