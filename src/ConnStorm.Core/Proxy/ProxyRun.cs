using System.Runtime.Versioning;
using ConnStorm.Results;
using ConnStorm.Scenarios;

namespace ConnStorm.Proxy;

/// <summary>
/// The end of a proxied run: HAProxy's counters (read when the connect phase ended) into
/// proxy-stats.csv and runs.csv, HAProxy stopped so haproxy.log is complete, and the log's most
/// frequent reasons into the run's notes.
/// </summary>
[SupportedOSPlatform("linux")]
internal static class ProxyRun
{
    public static (IReadOnlyList<ProxyStatRow> Stats, IReadOnlyList<string> Notes) Finish(
        HaproxyProcess? running, IReadOnlyList<ProxyStatRow>? statsAtConnectEnd, string dir)
    {
        if (running is not { } proxy)
        {
            return ([], []);
        }
        // A run cut short never reached the end of its connect phase: read the counters now.
        var stats = statsAtConnectEnd is { Count: > 0 } ? statsAtConnectEnd : proxy.ReadStats();
        ProxyStats.Write(Path.Combine(dir, ProxyStats.FileName), stats);
        int maxConn = proxy.MaxConn;
        proxy.Dispose();
        var notes = new List<string>
        {
            $"HAProxy (haproxy.cfg, maxconn {maxConn}): {ProxyStats.ConnErrors(stats)} upstream connection errors, at most {ProxyStats.MaxCurrent(stats)} upstream connections at once (proxy-stats.csv)",
        };
        var reasons = proxy.Log.Summary();
        if (reasons.Count > 0)
        {
            notes.Add("haproxy.log: " + string.Join("; ", reasons));
        }
        return (stats, notes);
    }

    /// <summary>The proxy's runs.csv figures; null without proxy:.</summary>
    public static ProxyFigures? Figures(ProxySpec? proxy, IReadOnlyList<ProxyStatRow> stats) => proxy is null ? null : new(
        proxy.Backends.Count,
        proxy.SourceText,
        stats.Count > 0 ? ProxyStats.ConnErrors(stats) : null,
        stats.Count > 0 ? ProxyStats.MaxCurrent(stats) : null);
}
