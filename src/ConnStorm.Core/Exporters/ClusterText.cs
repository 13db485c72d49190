using System.Globalization;
using ConnStorm.Results;

namespace ConnStorm.Exporters;

/// <summary>What summary.md and report.html both say about a cluster run's hosts (from hosts.csv), so the two never disagree.</summary>
public static class ClusterText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The headers of the hosts table, in the order of <see cref="HostCells"/>.</summary>
    public static IReadOnlyList<string> HostHeaders { get; } =
        ["host", "status", "attempts", "held", "failures", "first failure", "offset", "RTT"];

    /// <summary>Which columns of the hosts table hold numbers (right-aligned).</summary>
    public static IReadOnlyList<bool> HostNumeric { get; } = [false, false, true, true, true, false, true, true];

    /// <summary>One host's cells: status says when a lost host was last heard of, or why it failed.</summary>
    public static IReadOnlyList<string> HostCells(HostRow host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return
        [
            host.Host, Status(host), host.Attempts.ToString("N0", Inv), host.MaxEstablished.ToString("N0", Inv),
            host.Failures.ToString("N0", Inv), host.FirstFailureErrno is { Length: > 0 } e ? e : "none",
            host.ClockOffsetMs.ToString("0.###", Inv) + " ms", host.RttMs.ToString("0.###", Inv) + " ms",
        ];
    }

    /// <summary>"cluster run on 3 hosts (a1, a2, a3); lost: a2 (lost at 1.2 s)"; for one run's rows of hosts.csv.</summary>
    public static string Sentence(IReadOnlyList<HostRow> hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var names = hosts.Select(h => h.Host).Distinct().ToList();
        var text = string.Create(Inv, $"cluster run on {names.Count} host(s) ({string.Join(", ", names)}), one clock");
        var missing = hosts.Where(h => h.IsMissing).ToList();
        return missing.Count == 0
            ? text + "; every host completed its shard"
            : text + "; **partial**: " + string.Join(", ", missing.Select(h => $"{h.Host} ({Status(h)})")) + "; the results hold what the rest measured";
    }

    /// <summary>The hosts that did not finish, named: for the sweep's measured line.</summary>
    public static string? Missing(IReadOnlyList<HostRow> hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var missing = hosts.Where(h => h.IsMissing).ToList();
        return missing.Count == 0
            ? null
            : string.Join(", ", missing.Select(h => string.Create(Inv, $"{h.Host} in run {h.Run} ({Status(h)})")));
    }

    private static string Status(HostRow host) => host.Status switch
    {
        HostStatus.Lost when host.LostAtMs is { } at => string.Create(Inv, $"lost at {(at / 1000).ToString("0.###", Inv)} s"),
        HostStatus.Complete => host.Status,
        _ when host.Error is { Length: > 0 } error => $"{host.Status}: {error}",
        _ => host.Status,
    };
}
