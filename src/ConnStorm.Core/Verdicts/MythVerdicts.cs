using ConnStorm.Results;

namespace ConnStorm.Verdicts;

/// <summary>
/// Verdicts on the client-side port claims (shared/design/claims.md), computed from a sweep's
/// runs.csv rows. Nothing is decided in advance: each verdict comes from the measured numbers
/// compared with <see cref="Rules.PortRules"/> for that run's own shape.
/// </summary>
public static class MythVerdicts
{
    /// <param name="rows">The sweep's runs.csv rows.</param>
    /// <param name="connectionsOf">A run's (source, target) pairs from its connections.csv; null when it has none.</param>
    public static IReadOnlyList<Verdict> Judge(IReadOnlyList<RunRow> rows, Func<RunRow, IReadOnlyList<(string Source, string Target)>?> connectionsOf)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(connectionsOf);
        return
        [
            MaxConnectionsVerdict.Judge(rows),
            RuleCheck.Conclude(MythClaims.ConnectLimit, [.. rows.Where(r => !r.BindBeforeConnect)]),
            RuleCheck.Conclude(
                MythClaims.BindZeroLimit,
                [.. rows.Where(r => r.BindBeforeConnect && !r.BindAddressNoPort && r.SourcePorts is null)],
                extra: DestinationsEvidence.Sentence),
            RuleCheck.Conclude(
                MythClaims.NoPortRestores,
                [.. rows.Where(r => r.BindBeforeConnect && r.BindAddressNoPort && r.SourcePorts is null)]),
            RuleCheck.Conclude(
                MythClaims.ReuseAddrShares,
                [.. rows.Where(r => r.BindBeforeConnect && r.ReuseAddr && r.SourcePorts > 0)],
                refine: fit => SharingEvidence.Refine(fit, connectionsOf)),
        ];
    }
}
