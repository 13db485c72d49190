using ConnStorm.Results;

namespace ConnStorm.Verdicts;

/// <summary>
/// "One host cannot open more than 65535 TCP connections". One run past 65535 refutes it; no
/// sweep can prove it, so without such a run it stays unsettled. Every row counts here, also
/// interrupted or capped ones: the connections they held were real.
/// </summary>
internal static class MaxConnectionsVerdict
{
    private const long Ceiling = 65535;

    public static Verdict Judge(IReadOnlyList<RunRow> rows)
    {
        if (rows.Count == 0)
        {
            return new(MythClaims.Max65535, VerdictOutcome.NotSettled, "no runs", []);
        }
        var above = rows.Where(r => r.MaxEstablished > Ceiling).OrderByDescending(r => r.MaxEstablished).ThenBy(r => r.Run).ToList();
        if (above.Count == 0)
        {
            var largest = rows.OrderByDescending(r => r.MaxEstablished).ThenBy(r => r.Run).First();
            return new(MythClaims.Max65535, VerdictOutcome.NotSettled,
                $"the largest run held {Say.N(largest.MaxEstablished)} ({Say.Run(largest)}); no run went past {Say.N(Ceiling)}",
                [largest.Run]);
        }

        var top = above[0];
        var ips = Say.SourceIps(top);
        var from = ips == 1 ? "from a single source IP" : $"from {Say.N(ips)} source IPs";
        var detail = $"{Say.Run(top)} held {Say.N(top.MaxEstablished)} at once {from}{Factors(top)}";
        if (above.Count > 1)
        {
            detail += $"; {Say.Count(above.Count, "run", "runs")} went past {Say.N(Ceiling)}";
        }
        return new(MythClaims.Max65535, VerdictOutcome.DoesNotHold, detail, [.. above.Select(r => r.Run)]);
    }

    /// <summary>" (range 64,512 × 3 destinations)": where the connections came from, when recorded.</summary>
    private static string Factors(RunRow row)
    {
        var ports = row.SourcePorts is > 0 and var p ? Say.Count(p, "source port", "source ports")
            : row.PortRangeSize is { } range ? "range " + Say.N(range)
            : null;
        var destinations = Say.Count(row.Targets, "destination", "destinations");
        return ports is null ? $" ({destinations})" : $" ({ports} × {destinations})";
    }
}
