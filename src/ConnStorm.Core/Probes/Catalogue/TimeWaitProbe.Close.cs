using System.Globalization;
using ConnStorm.Sockets;
using static ConnStorm.Probes.ProbeSockets;

namespace ConnStorm.Probes.Catalogue;

internal sealed partial class TimeWaitProbe
{
    /// <summary>
    /// A normal client-first close against a close with SO_LINGER {1,0}: TIME_WAIT sockets of that
    /// connection in /proc/net/tcp (and the namespace's sockstat "tw") before and after, and for
    /// the RST close what the peer's read() got.
    /// </summary>
    private IEnumerable<ProbeCase> LingerClose(ProbeEnvironment env, ProbeSockets s)
    {
        int port = RstListener;
        int l = s.Listener(Loopback, ref port);
        foreach (bool rst in new[] { false, true })
        {
            int c = s.Tcp();
            int rc = l < 0 ? l : Connect(c, Loopback, port);
            int a = rc == 0 ? env.Track(RawSocket.Accept(l)) : -1;
            int clientPort = LocalPort(c);
            int tupleBefore = TcpTable.TimeWaitFor(clientPort, port), statBefore = TcpTable.SockstatTimeWait();
            int peerRead = 0;
            if (rst)
            {
                RawSocket.SetLinger(c, true, 0);
                s.Close(c);
                // The accepted socket is non-blocking: ECONNRESET if the RST arrived, EAGAIN if nothing did.
                peerRead = a >= 0 ? ReadAfterSettle(a) : 0;
                s.Close(a);
                Thread.Sleep(20);
            }
            else if (a >= 0)
            {
                CloseFirst(s, c, a, clientPort, port);
            }
            int tupleAfter = TcpTable.TimeWaitFor(clientPort, port), statAfter = TcpTable.SockstatTimeWait();
            var numbers = new Dictionary<string, double>
            {
                ["time_wait_before"] = tupleBefore,
                ["time_wait_after"] = tupleAfter,
                ["sockstat_tw_before"] = statBefore,
                ["sockstat_tw_after"] = statAfter,
            };
            if (rst)
            {
                numbers["peer_read_errno"] = peerRead < 0 ? -peerRead : 0;
                numbers["peer_saw_reset"] = peerRead == -Errno.ECONNRESET ? 1 : 0;
            }
            var (outcome, errno) = rc == 0 ? (ProbeCase.Observed, null) : ProbeCase.FromReturn(rc);
            yield return new ProbeCase
            {
                Probe = Name,
                Case = rst ? "linger-0-close-time-wait" : "normal-close-time-wait",
                Inputs = new Dictionary<string, string>
                {
                    ["connection"] = $"127.0.0.1:{clientPort.ToString(CultureInfo.InvariantCulture)} -> 127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
                    ["close"] = rst ? "client: SO_LINGER {1,0} then close()" : "client close(), then the server's close()",
                },
                Outcome = outcome,
                Errno = errno,
                Numbers = numbers,
            };
        }
        s.Close(l);
    }

    /// <summary>Reads the peer once the RST has had a moment to arrive (bounded: 100 ms).</summary>
    private static int ReadAfterSettle(int fd)
    {
        var buf = new byte[16];
        int r = RawSocket.Read(fd, buf);
        for (int i = 0; i < 100 && r == -Errno.EAGAIN; i++)
        {
            Thread.Sleep(1);
            r = RawSocket.Read(fd, buf);
        }
        return r;
    }

    /// <summary>
    /// A client bound to 127.0.0.1:Q with SO_REUSEADDR connects, closes first (TIME_WAIT on its
    /// side); a new socket binds 127.0.0.1:Q (with or without SO_REUSEADDR) and connects to the
    /// same server: the same 4-tuple. Outcome: the connect (or the bind, if that failed).
    /// </summary>
    private ProbeCase BoundClientOverOwnTimeWait(ProbeEnvironment env, ProbeSockets s, string name, int clientPort, bool newReuse)
    {
        int port = BoundClientListener;
        int l = s.Listener(Loopback, ref port);
        int c = s.Tcp(reuseAddr: true);
        int rc = l < 0 ? l : Bind(c, Loopback, clientPort);
        if (rc == 0) rc = Connect(c, Loopback, port);
        bool tw = false;
        if (rc == 0)
        {
            int a = env.Track(RawSocket.Accept(l));
            tw = a >= 0 && CloseFirst(s, c, a, clientPort, port);
        }
        s.Close(c);
        int n = s.Tcp(reuseAddr: newReuse);
        int bindRc = Bind(n, Loopback, clientPort);
        int connectRc = bindRc == 0 ? Connect(n, Loopback, port) : bindRc;
        if (connectRc == 0) Abort(s, env.Track(RawSocket.Accept(l)));
        Abort(s, n);
        s.Close(l);
        var (outcome, errno) = ProbeCase.FromReturn(connectRc);
        return new ProbeCase
        {
            Probe = Name,
            Case = name,
            Inputs = new Dictionary<string, string>
            {
                ["tuple"] = $"127.0.0.1:{clientPort.ToString(CultureInfo.InvariantCulture)} -> 127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
                ["old_client"] = "SO_REUSEADDR, bound explicitly, closed first",
                ["new_client"] = newReuse ? "SO_REUSEADDR, bound to the same port" : "neither option, bound to the same port",
                ["tcp_tw_reuse"] = ProbeEnvironment.ReadSysctl(TwReuse),
            },
            Outcome = outcome,
            Errno = errno,
            Numbers = new Dictionary<string, double>
            {
                ["old_ok"] = rc == 0 ? 1 : 0,
                ["time_wait_seen"] = tw ? 1 : 0,
                ["bind_ok"] = bindRc == 0 ? 1 : 0,
                ["connect_ok"] = connectRc == 0 ? 1 : 0,
            },
        };
    }
}
