using System.Globalization;
using System.Net;
using System.Runtime.Versioning;
using ConnStorm.Sockets;
using static ConnStorm.Probes.ProbeSockets;
using static ConnStorm.Sockets.SocketOptions;

namespace ConnStorm.Probes.Catalogue;

/// <summary>
/// bind-matrix: two TCP sockets on one port, over every pair of local addresses × options on
/// both × whether the first only bound or also listens; the case outcome is the second bind,
/// and when it succeeds, whether the second can listen too. Every cell gets a port of its own
/// (a counter from 44000) and closes both sockets, so no cell sees another's leftovers:
/// a bound or listening socket that never connected leaves no TIME_WAIT.
/// Then TCP and UDP on one port, and two direct checks: an IPv4 client reaching a [::] listener,
/// and how SO_REUSEPORT listeners share incoming connections.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed partial class BindMatrixProbe : IProbe, IProbeClaims
{
    public const string Bound = "bound", Listening = "listening";
    private const int FirstCellPort = 44000, UdpPort = 45400, DualStackPort = 45500, SpreadPort = 45600;
    /// <summary>Connections made to the SO_REUSEPORT pair: enough that an even hash split all to one side is ~2^-31.</summary>
    private const int SpreadConnections = 32;

    public string Name => "bind-matrix";

    public string Description => "second TCP bind (and listen) on one port over addresses (v4-mapped included) × SO_REUSEADDR/SO_REUSEPORT × first bound or listening; TCP and UDP on one port; IPv4 into [::]; SO_REUSEPORT spread";

    public static string CellName(string state, BindAddress first, BindAddress second, BindOptions options) =>
        $"{state}-{first.Label}-vs-{second.Label}-{options.Label}";

    public IEnumerable<ProbeCase> Run(ProbeEnvironment env)
    {
        var s = new ProbeSockets(env);
        int port = FirstCellPort;
        foreach (string state in new[] { Bound, Listening })
        {
            foreach (var first in BindAddress.All)
            {
                foreach (var second in BindAddress.All)
                {
                    foreach (var options in BindOptions.All)
                    {
                        yield return Cell(s, state, first, second, options, port++);
                    }
                }
            }
        }
        foreach (var c in TcpAndUdp(s))
        {
            yield return c;
        }
        yield return IPv4ClientToIPv6Listener(s, v6Only: false, DualStackPort);
        yield return IPv4ClientToIPv6Listener(s, v6Only: true, DualStackPort + 1);
        yield return ReusePortSpread(env, s);
    }

    private ProbeCase Cell(ProbeSockets s, string state, BindAddress first, BindAddress second, BindOptions options, int port)
    {
        int a = s.Tcp(first.Family, options.ReuseAddr, options.ReusePort, first.V6Only);
        int b = s.Tcp(second.Family, options.ReuseAddr, options.ReusePort, second.V6Only);
        int firstRc = a < 0 ? a : Bind(a, first.Address, port);
        if (firstRc == 0 && state == Listening)
        {
            firstRc = Listen(a);
        }
        int bindRc = b < 0 ? b : Bind(b, second.Address, port);
        int listenRc = bindRc == 0 ? Listen(b) : 1;
        s.Close(a);
        s.Close(b);
        return Make(CellName(state, first, second, options), bindRc, listenRc, firstRc, new Dictionary<string, string>
        {
            ["first"] = $"{first.Label}:{port}",
            ["second"] = $"{second.Label}:{port}",
            ["options"] = options.Describe,
            ["state"] = state == Listening ? "first socket listening" : "first socket bound, not listening",
        });
    }

    /// <summary>listen_ok: 1 listen succeeded, 0 failed (listen_errno says how), -1 not tried because bind failed.</summary>
    private ProbeCase Make(string name, int bindRc, int listenRc, int firstRc, Dictionary<string, string> inputs)
    {
        var (outcome, errno) = ProbeCase.FromReturn(bindRc);
        return new ProbeCase
        {
            Probe = Name,
            Case = name,
            Inputs = inputs,
            Outcome = outcome,
            Errno = errno,
            Numbers = new Dictionary<string, double>
            {
                ["first_ok"] = firstRc >= 0 ? 1 : 0,
                ["listen_ok"] = listenRc == 1 ? -1 : listenRc == 0 ? 1 : 0,
                ["listen_errno"] = listenRc < 0 ? -listenRc : 0,
            },
        };
    }

    /// <summary>TCP listening and UDP bound on one port, both orders; two plain UDP sockets for contrast.</summary>
    private IEnumerable<ProbeCase> TcpAndUdp(ProbeSockets s)
    {
        var any = IPAddress.Any;
        int port = UdpPort;
        Dictionary<string, string> Inputs(string first, string second, int p) => new()
        {
            ["first"] = $"{first} 0.0.0.0:{p.ToString(CultureInfo.InvariantCulture)}",
            ["second"] = $"{second} 0.0.0.0:{p.ToString(CultureInfo.InvariantCulture)}",
            ["options"] = "neither option",
        };

        int tcp = s.Tcp(), udp = s.Udp();
        int firstRc = Bind(tcp, any, port);
        if (firstRc == 0) firstRc = Listen(tcp);
        int rc = Bind(udp, any, port);
        s.Close(tcp);
        s.Close(udp);
        yield return Make("tcp-then-udp-same-port", rc, 1, firstRc, Inputs("TCP listening", "UDP", port));

        port++;
        udp = s.Udp();
        tcp = s.Tcp();
        firstRc = Bind(udp, any, port);
        rc = Bind(tcp, any, port);
        int listenRc = rc == 0 ? Listen(tcp) : 1;
        s.Close(tcp);
        s.Close(udp);
        yield return Make("udp-then-tcp-same-port", rc, listenRc, firstRc, Inputs("UDP", "TCP", port));

        port++;
        int u1 = s.Udp(), u2 = s.Udp();
        firstRc = Bind(u1, any, port);
        rc = Bind(u2, any, port);
        s.Close(u1);
        s.Close(u2);
        yield return Make("udp-then-udp-same-port", rc, 1, firstRc, Inputs("UDP", "UDP", port));
    }

    /// <summary>Does a [::] listener accept an IPv4 client? The outcome is the client's connect().</summary>
    private ProbeCase IPv4ClientToIPv6Listener(ProbeSockets s, bool v6Only, int port)
    {
        int l = s.Tcp(AF_INET6, v6Only: v6Only);
        int firstRc = Bind(l, IPAddress.IPv6Any, port);
        if (firstRc == 0) firstRc = Listen(l);
        int c = s.Tcp();
        int rc = Connect(c, Loopback, port);
        s.Close(c);
        s.Close(l);
        var (outcome, errno) = ProbeCase.FromReturn(rc);
        return new ProbeCase
        {
            Probe = Name,
            Case = v6Only ? "ipv4-client-to-[::]v6only-listener" : "ipv4-client-to-[::]-listener",
            Inputs = new Dictionary<string, string>
            {
                ["listener"] = $"[::]:{port.ToString(CultureInfo.InvariantCulture)}, IPV6_V6ONLY {(v6Only ? 1 : 0)}",
                ["client"] = $"IPv4 socket connecting to 127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            },
            Outcome = outcome,
            Errno = errno,
            Numbers = new Dictionary<string, double> { ["listener_ok"] = firstRc == 0 ? 1 : 0 },
        };
    }
}
