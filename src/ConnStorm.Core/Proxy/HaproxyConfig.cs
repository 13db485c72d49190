using System.Globalization;
using System.Net;
using System.Text;
using ConnStorm.Scenarios;
using ConnStorm.Sockets;

namespace ConnStorm.Proxy;

/// <summary>
/// Writes haproxy.cfg for a <see cref="ProxySpec"/>: TCP mode, one frontend on proxy.listen, one
/// backend with a server line per backend (per source address too, when there are several).
/// Logs go to stderr (no syslog in a lab), which the run keeps as haproxy.log.
/// </summary>
public static class HaproxyConfig
{
    public const string FileName = "haproxy.cfg";
    public const string Frontend = "fe";
    public const string Backend = "be";

    /// <summary>Descriptors HAProxy keeps for itself (listeners, stats socket, logs) besides two per proxied connection.</summary>
    public const int ReservedFds = 100;

    /// <summary>
    /// The maxconn HAProxy can honour: each proxied connection holds two descriptors, and HAProxy
    /// refuses to start when it cannot raise RLIMIT_NOFILE to 2 × maxconn (a container may cap the hard limit).
    /// </summary>
    public static int EffectiveMaxConn(int wanted, ulong hardNofile) =>
        (int)Math.Max(1, Math.Min(wanted, ((long)Math.Min(hardNofile, int.MaxValue) - ReservedFds) / 2));

    public static string Build(ProxySpec proxy, string statsSocket, int maxConn)
    {
        ArgumentNullException.ThrowIfNull(proxy);
        var sb = new StringBuilder();
        sb.Append("# Written by ConnStorm for this run; started as `haproxy -db -f haproxy.cfg` inside the lab.\n");
        sb.Append("global\n");
        sb.Append(Inv($"    maxconn {maxConn}\n"));
        sb.Append($"    stats socket {statsSocket} mode 600 level admin\n");
        // No syslog inside a lab namespace: -db keeps HAProxy in the foreground and stderr becomes haproxy.log.
        sb.Append("    log stderr format raw local0\n\n");
        sb.Append("defaults\n    mode tcp\n    log global\n    option tcplog\n");
        // A frontend's own maxconn defaults far below the global one: without it HAProxy itself would be the limit.
        sb.Append(Inv($"    maxconn {maxConn}\n"));
        sb.Append($"    timeout connect {Durations.Format(proxy.TimeoutConnect)}\n");
        // Held connections stay idle for the whole hold; the run, not HAProxy, decides when they end.
        sb.Append("    timeout client 1h\n    timeout server 1h\n\n");
        sb.Append($"frontend {Frontend}\n    bind {SockAddr.Format(proxy.Listen.Address, proxy.Listen.Port)}\n    default_backend {Backend}\n\n");
        sb.Append($"backend {Backend}\n    balance {proxy.BalanceName}\n");
        foreach (var (name, endpoint, source) in Servers(proxy))
        {
            sb.Append($"    server {name} {SockAddr.Format(endpoint.Address, endpoint.Port)}");
            if (source is not null)
            {
                sb.Append($" source {source}");
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>
    /// One server per backend ("b1"…); with several source addresses one per (backend, source)
    /// ("b1-s2"), since HAProxy binds one source per server line and each pair has its own ports.
    /// </summary>
    public static IReadOnlyList<(string Name, IPEndPoint Endpoint, IPAddress? Source)> Servers(ProxySpec proxy)
    {
        ArgumentNullException.ThrowIfNull(proxy);
        var result = new List<(string, IPEndPoint, IPAddress?)>();
        for (int b = 0; b < proxy.Backends.Count; b++)
        {
            var endpoint = proxy.Backends[b];
            switch (proxy.Source.Count)
            {
                case 0:
                    result.Add((Inv($"b{b + 1}"), endpoint, null));
                    break;
                case 1:
                    result.Add((Inv($"b{b + 1}"), endpoint, proxy.Source[0]));
                    break;
                default:
                    for (int s = 0; s < proxy.Source.Count; s++)
                    {
                        result.Add((Inv($"b{b + 1}-s{s + 1}"), endpoint, proxy.Source[s]));
                    }
                    break;
            }
        }
        return result;
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
