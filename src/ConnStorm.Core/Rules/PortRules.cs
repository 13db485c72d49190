using ConnStorm.Sockets;

namespace ConnStorm.Rules;

/// <summary>
/// The kernel's port rules (shared/design/kernel-semantics.md) as formulas, for ConnStorm's
/// attempt order (targets turn fastest, then source IPs, then explicit ports). They are
/// what a measurement is compared against, never a substitute for one: `connections: auto`
/// sizes a run from them and the verdicts check measured rows against them.
/// </summary>
public static class PortRules
{
    public sealed record Prediction(long Limit, int Errno, string Phase, string Rule);

    public static Prediction Predict(ClientShape s)
    {
        long range = s.RangeSize, targets = s.Targets, ips = s.SourceIps, ports = s.SourcePorts;
        if (!s.Bind)
        {
            // connect() picks a port per 4-tuple: every destination has the whole range.
            return new(range * targets, Errno.EADDRNOTAVAIL, "connect", "connect() without bind: range size × destinations");
        }
        if (ports > 0 && s.ReuseAddr)
        {
            // SO_REUSEADDR on every socket, none listening: a port is shared by all destinations;
            // the next round reuses a 4-tuple, which connect() refuses.
            return new(ports * targets * ips, Errno.EADDRNOTAVAIL, "connect", "explicit ports with SO_REUSEADDR: ports × destinations × source IPs");
        }
        if (ports > 0)
        {
            // Without SO_REUSEADDR an explicit ip:port can be bound once; attempt 1 wants the
            // same port for the second destination.
            return new(targets == 1 ? ports * ips : 1, Errno.EADDRINUSE, "bind", "explicit ports without SO_REUSEADDR: one socket per ip:port");
        }
        if (s.NoPort)
        {
            // IP_BIND_ADDRESS_NO_PORT defers the port to connect(): the 4-tuple rule again, per source IP.
            return new(range * targets * ips, Errno.EADDRNOTAVAIL, "connect", "bind(ip, 0) + IP_BIND_ADDRESS_NO_PORT: range size × destinations × source IPs");
        }
        // bind(ip, 0) must find a port free of every other binding on that address.
        return new(range * ips, Errno.EADDRINUSE, "bind", "bind(ip, 0): range size × source IPs, whatever the destinations");
    }
}
