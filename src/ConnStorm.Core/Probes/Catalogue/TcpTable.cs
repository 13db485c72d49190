using System.Diagnostics;
using System.Globalization;

namespace ConnStorm.Probes.Catalogue;

/// <summary>
/// The TCP sockets of this namespace as /proc/net/tcp and tcp6 list them (TIME_WAIT
/// included, which no socket call can see). Probes talk over loopback only, so a connection
/// is told apart by its two ports.
/// </summary>
internal static class TcpTable
{
    public const int FinWait2 = 0x05, TimeWait = 0x06;

    /// <summary>Sockets in <paramref name="state"/> whose local port is <paramref name="local"/> and remote port <paramref name="remote"/> (0: any port).</summary>
    public static int Count(int state, int local, int remote = 0)
    {
        int n = 0;
        foreach (var (l, r, st) in Entries())
        {
            if (st == state && (local == 0 || l == local) && (remote == 0 || r == remote)) n++;
        }
        return n;
    }

    /// <summary>TIME_WAIT sockets of one connection, whichever end holds it.</summary>
    public static int TimeWaitFor(int portA, int portB) => Count(TimeWait, portA, portB) + Count(TimeWait, portB, portA);

    /// <summary>Waits (bounded) until a socket local→remote is in <paramref name="state"/>; loopback gets there in microseconds.</summary>
    public static bool WaitFor(int state, int local, int remote, int timeoutMs = 500)
    {
        var watch = Stopwatch.StartNew();
        while (Count(state, local, remote) == 0)
        {
            if (watch.ElapsedMilliseconds > timeoutMs) return false;
            Thread.Sleep(1);
        }
        return true;
    }

    /// <summary>The "tw" figure of /proc/net/sockstat: TIME_WAIT sockets in this namespace.</summary>
    public static int SockstatTimeWait()
    {
        foreach (string line in File.ReadLines("/proc/net/sockstat"))
        {
            if (!line.StartsWith("TCP:", StringComparison.Ordinal)) continue;
            string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            int i = Array.IndexOf(f, "tw");
            if (i > 0 && i + 1 < f.Length && int.TryParse(f[i + 1], CultureInfo.InvariantCulture, out int tw)) return tw;
        }
        return -1;
    }

    /// <summary>The local ports of every socket /proc/net lists for the protocol ("tcp" or "udp", IPv4 and IPv6): what the kernel holds, read apart from getsockname().</summary>
    public static HashSet<int> LocalPorts(string protocol) =>
        [.. Entries([$"/proc/net/{protocol}", $"/proc/net/{protocol}6"]).Select(e => e.Local)];

    /// <summary>Sockets /proc/net/tcp lists with this local port and the remote port, in any state.</summary>
    public static int Connections(int local, int remote) => Entries().Count(e => e.Local == local && e.Remote == remote);

    private static IEnumerable<(int Local, int Remote, int State)> Entries() => Entries(["/proc/net/tcp", "/proc/net/tcp6"]);

    private static IEnumerable<(int Local, int Remote, int State)> Entries(string[] paths)
    {
        foreach (string path in paths)
        {
            if (!File.Exists(path)) continue;
            foreach (string line in File.ReadLines(path).Skip(1))
            {
                // "  0: 0100007F:9C40 0100007F:B798 06 ..." : addresses as HEXIP:HEXPORT, state in hex.
                string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length < 4) continue;
                yield return (Port(f[1]), Port(f[2]), int.Parse(f[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            }
        }
    }

    private static int Port(string address) =>
        int.Parse(address.AsSpan(address.LastIndexOf(':') + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
