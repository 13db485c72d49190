using System.Globalization;
using System.Net;
using System.Runtime.Versioning;
using ConnStorm.Sockets;
using static ConnStorm.Probes.ProbeSockets;

namespace ConnStorm.Probes.Catalogue;

/// <summary>
/// timewait: where TIME_WAIT lands and what it blocks. A server restarting over its own
/// TIME_WAIT (SO_REUSEADDR on the old and the new listener, on 127.0.0.1 and on 0.0.0.0, and
/// tcp_tw_reuse 0 vs 1), a
/// client range of two ports filled with TIME_WAIT (tcp_tw_reuse 0, 1, 2; connect tried at
/// 0, 1.1 and 2.1 s), SO_LINGER {1,0} against a normal close, and an explicitly bound
/// SO_REUSEADDR client reconnecting over its own TIME_WAIT. Every wait is bounded: about 7 s in all.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed partial class TimeWaitProbe : IProbe, IProbeClaims
{
    public const string TwReuse = "net.ipv4.tcp_tw_reuse";
    private const int RestartPort = 46000, BoundClientListener = 47100, BoundClientPort = 48000, RstListener = 47200;

    public string Name => "timewait";

    public string Description => "server restart over its TIME_WAIT (SO_REUSEADDR old/new, on 127.0.0.1 and 0.0.0.0, tcp_tw_reuse 0/1), client TIME_WAIT on a 2-port range under tcp_tw_reuse 0/1/2, SO_LINGER 0 vs normal close, bound SO_REUSEADDR client over its own TIME_WAIT";

    public static string RestartName(bool oldReuse, bool newReuse) =>
        $"server-restart-old-{(oldReuse ? "reuseaddr" : "none")}-new-{(newReuse ? "reuseaddr" : "none")}";

    /// <summary>The same restart on the wildcard: old and new listener on 0.0.0.0:P, the client on 127.0.0.1 (the kernel's bind_timewait selftest).</summary>
    public static string RestartAnyName(bool oldReuse, bool newReuse) =>
        $"server-restart-0.0.0.0-old-{(oldReuse ? "reuseaddr" : "none")}-new-{(newReuse ? "reuseaddr" : "none")}";

    private const int RestartAnyPort = 46010;

    public static string RestartTwReuseName(int twReuse) => $"server-restart-none-tw-reuse-{twReuse.ToString(CultureInfo.InvariantCulture)}";

    public IEnumerable<ProbeCase> Run(ProbeEnvironment env)
    {
        var s = new ProbeSockets(env);
        int port = RestartPort;
        foreach (bool oldReuse in new[] { false, true })
        {
            foreach (bool newReuse in new[] { false, true })
            {
                yield return ServerRestart(env, s, RestartName(oldReuse, newReuse), port++, oldReuse, newReuse);
            }
        }
        int anyPort = RestartAnyPort;
        foreach (bool oldReuse in new[] { false, true })
        {
            foreach (bool newReuse in new[] { false, true })
            {
                yield return ServerRestart(env, s, RestartAnyName(oldReuse, newReuse), anyPort++, oldReuse, newReuse, IPAddress.Any);
            }
        }
        foreach (int twReuse in new[] { 0, 1 })
        {
            env.SetSysctl(TwReuse, twReuse.ToString(CultureInfo.InvariantCulture));
            yield return ServerRestart(env, s, RestartTwReuseName(twReuse), port++, false, false);
        }
        foreach (var c in LingerClose(env, s))
        {
            yield return c;
        }
        env.SetSysctl(TwReuse, "0");
        yield return BoundClientOverOwnTimeWait(env, s, "bound-reuseaddr-client-over-own-time-wait", BoundClientPort, newReuse: true);
        yield return BoundClientOverOwnTimeWait(env, s, "bound-plain-client-over-own-time-wait", BoundClientPort + 1, newReuse: false);
        foreach (var c in Exhaustion(env, s))
        {
            yield return c;
        }
    }

    /// <summary>
    /// Closes <paramref name="first"/>, waits until the peer has acknowledged its FIN, then closes
    /// <paramref name="second"/>: TIME_WAIT lands on <paramref name="first"/>'s side. Returns whether it appeared.
    /// </summary>
    internal static bool CloseFirst(ProbeSockets s, int first, int second, int firstLocal, int firstRemote)
    {
        s.Close(first);
        TcpTable.WaitFor(TcpTable.FinWait2, firstLocal, firstRemote);
        s.Close(second);
        return TcpTable.WaitFor(TcpTable.TimeWait, firstLocal, firstRemote);
    }

    /// <summary>Close with SO_LINGER {1,0}: RST, no TIME_WAIT; keeps probe tidy where the close itself is not measured.</summary>
    internal static void Abort(ProbeSockets s, int fd)
    {
        if (fd >= 0)
        {
            RawSocket.SetLinger(fd, true, 0);
            s.Close(fd);
        }
    }

    /// <summary>
    /// A listener on <paramref name="server"/>:P (127.0.0.1 unless said) accepts one client from
    /// 127.0.0.1; the server side closes first, the listener goes (the old server is gone), then a
    /// new socket binds <paramref name="server"/>:P. Outcome: the new bind.
    /// </summary>
    private ProbeCase ServerRestart(ProbeEnvironment env, ProbeSockets s, string name, int port, bool oldReuse, bool newReuse, IPAddress? server = null)
    {
        server ??= Loopback;
        int l = s.Tcp(reuseAddr: oldReuse);
        int rc = Bind(l, server, port);
        if (rc == 0) rc = Listen(l);
        int c = s.Tcp();
        if (rc == 0) rc = Connect(c, Loopback, port);
        bool tw = false;
        if (rc == 0)
        {
            int a = env.Track(RawSocket.Accept(l));
            s.Close(l);
            int clientPort = LocalPort(c);
            tw = a >= 0 && CloseFirst(s, a, c, port, clientPort);
        }
        s.Close(l);
        s.Close(c);
        int n = s.Tcp(reuseAddr: newReuse);
        int bindRc = Bind(n, server, port);
        int listenRc = bindRc == 0 ? Listen(n) : 1;
        s.Close(n);
        var (outcome, errno) = ProbeCase.FromReturn(bindRc);
        return new ProbeCase
        {
            Probe = Name,
            Case = name,
            Inputs = new Dictionary<string, string>
            {
                ["port"] = $"{server}:{port.ToString(CultureInfo.InvariantCulture)}",
                ["time_wait"] = $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)} (the server's end of the old connection)",
                ["old_listener"] = oldReuse ? "SO_REUSEADDR" : "neither option",
                ["new_socket"] = newReuse ? "SO_REUSEADDR" : "neither option",
                ["close_order"] = "server closed first, then the client; then the old listener closed",
                ["tcp_tw_reuse"] = ProbeEnvironment.ReadSysctl(TwReuse),
            },
            Outcome = outcome,
            Errno = errno,
            Numbers = new Dictionary<string, double>
            {
                ["old_ok"] = rc == 0 ? 1 : 0,
                ["time_wait_seen"] = tw ? 1 : 0,
                ["listen_ok"] = listenRc == 1 ? -1 : listenRc == 0 ? 1 : 0,
            },
        };
    }
}
