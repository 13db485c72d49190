using System.Globalization;
using System.Runtime.Versioning;
using ConnStorm.Sockets;
using static ConnStorm.Probes.ProbeSockets;
using static ConnStorm.Sockets.SocketOptions;

namespace ConnStorm.Probes.Catalogue;

/// <summary>What the port probes share: listeners kept out of the range under test, the
/// per-socket range option, closing without TIME_WAIT, and the figures of a port sequence.</summary>
[SupportedOSPlatform("linux")]
internal static class PortKit
{
    public const string RangeKey = "net.ipv4.ip_local_port_range";

    /// <summary>
    /// Listeners on kernel-chosen ports. bind(ip, 0) takes its port from ip_local_port_range, so
    /// the listeners are made while the namespace range is 20000-20999: a listener inside the
    /// range a probe then sets would hold a port the probe counts (and a bind-owned one, which
    /// connect() never shares). A listener that failed has port 0.
    /// </summary>
    public static int[] Listeners(ProbeEnvironment env, ProbeSockets s, int count)
    {
        env.SetSysctl(RangeKey, "20000 20999");
        var ports = new int[count];
        for (int i = 0; i < count; i++)
        {
            int port = 0;
            ports[i] = s.Listener(Loopback, ref port) >= 0 ? port : 0;
        }
        return ports;
    }

    /// <summary>IP_LOCAL_PORT_RANGE on one socket: 0 or -errno (ENOPROTOOPT before 6.3).</summary>
    public static int SetRange(int fd, int lo, int hi) =>
        fd < 0 ? fd : RawSocket.SetInt(fd, SOL_IP, IP_LOCAL_PORT_RANGE, RawSocket.PackPortRange(lo, hi));

    public static int GetRange(int fd, out int lo, out int hi)
    {
        int rc = RawSocket.GetInt(fd, SOL_IP, IP_LOCAL_PORT_RANGE, out int value);
        (lo, hi) = rc == 0 ? RawSocket.UnpackPortRange(value) : (0, 0);
        return rc;
    }

    /// <summary>
    /// Closes the sockets with SO_LINGER {1, 0}: close() then sends RST and leaves no TIME_WAIT,
    /// so the ports are free again for the next case and nothing lingers after the probe.
    /// </summary>
    public static void CloseWithReset(ProbeSockets s, List<int> fds)
    {
        foreach (int fd in fds)
        {
            RawSocket.SetLinger(fd, on: true, seconds: 0);
            s.Close(fd);
        }
        fds.Clear();
    }

    public static string Range(int lo, int hi) => string.Create(CultureInfo.InvariantCulture, $"{lo}-{hi}");

    /// <summary>
    /// The figures of a sequence of ports: calls made, first port, share of even ports, the steps
    /// between consecutive ports (median, min, max, share of +1), distinct ports.
    /// </summary>
    public static Dictionary<string, double> Sequence(int calls, IReadOnlyList<long> ports)
    {
        var steps = ports.Zip(ports.Skip(1), (a, b) => b - a).Order().ToList();
        return new Dictionary<string, double>
        {
            ["calls"] = calls,
            ["succeeded"] = ports.Count,
            ["first_port"] = ports.Count > 0 ? ports[0] : 0,
            ["even_share"] = ports.Count > 0 ? Math.Round(ports.Count(p => p % 2 == 0) / (double)ports.Count, 4) : 0,
            ["step_median"] = steps.Count > 0 ? steps[steps.Count / 2] : 0,
            ["step_min"] = steps.Count > 0 ? steps[0] : 0,
            ["step_max"] = steps.Count > 0 ? steps[^1] : 0,
            ["steps_of_1_share"] = steps.Count > 0 ? Math.Round(steps.Count(d => d == 1) / (double)steps.Count, 4) : 0,
            ["distinct"] = ports.Distinct().Count(),
            // A negative step is the search wrapping from the top of the range back to its bottom.
            ["wraps"] = steps.Count(d => d < 0),
        };
    }

    public static string Num(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
