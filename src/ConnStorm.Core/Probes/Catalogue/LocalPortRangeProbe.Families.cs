using System.Net;
using ConnStorm.Sockets;
using static ConnStorm.Probes.Catalogue.PortKit;
using static ConnStorm.Probes.ProbeSockets;
using static ConnStorm.Sockets.SocketOptions;

namespace ConnStorm.Probes.Catalogue;

/// <summary>
/// IP_LOCAL_PORT_RANGE beyond TCP over IPv4 with connect(), as the kernel's ip_local_port_range
/// selftest has it: TCP and UDP, IPv4 and IPv6 (the option is set at level SOL_IP on both), the
/// port taken by connect(), by bind(ip, 0), or by connect() after bind(ip, 0) with
/// IP_BIND_ADDRESS_NO_PORT; a range inside the namespace's, one with hi = 0, one with lo = 0, and
/// one reaching past the namespace's top (its ports must stay inside both).
/// </summary>
internal sealed partial class LocalPortRangeProbe
{
    public const int FamilySockets = 8;

    public static readonly IReadOnlyList<string> Protocols = ["tcp", "udp"];
    public static readonly IReadOnlyList<string> Families = ["ipv4", "ipv6"];
    public static readonly IReadOnlyList<string> Calls = ["connect", "bind", "bind-no-port-connect"];

    /// <summary>The option values of the matrix; a bound of 0 stands for the namespace's.</summary>
    public static readonly IReadOnlyList<(string Label, int Lo, int Hi)> MatrixRanges =
    [
        ("within", 40100, 40199),
        ("hi-zero", 40950, 0),
        ("lo-zero", 0, 40049),
        ("across-high-bound", 40900, 41100),
    ];

    public static string MatrixName(string protocol, string family, string call, string range) => $"{protocol}-{family}-{call}-{range}";

    /// <summary>The range a socket with the option lo-hi gets: each bound of 0 is the namespace's.</summary>
    public static (int Lo, int Hi) Effective(int lo, int hi) => (lo == 0 ? Lo : lo, hi == 0 ? Hi : hi);

    private IEnumerable<ProbeCase> Matrix(ProbeSockets s, int tcp4, int tcp6)
    {
        foreach (string protocol in Protocols)
        {
            foreach (string family in Families)
            {
                foreach (string call in Calls)
                {
                    foreach (var (label, lo, hi) in MatrixRanges)
                    {
                        // UDP needs no listener: connect() only records the peer (port 9, discard).
                        int destination = protocol == "udp" ? 9 : family == "ipv4" ? tcp4 : tcp6;
                        yield return MatrixCase(s, protocol, family, call, label, lo, hi, destination);
                    }
                }
            }
        }
    }

    private ProbeCase MatrixCase(ProbeSockets s, string protocol, string family, string call, string label, int lo, int hi, int destination)
    {
        var local = family == "ipv4" ? Loopback : IPAddress.IPv6Loopback;
        int af = family == "ipv4" ? AF_INET : AF_INET6;
        var fds = new List<int>();
        var ports = new List<long>();
        int failure = 0;
        string failedCall = "none";
        long portAfterBind = -1;
        for (int i = 0; i < FamilySockets && failure == 0; i++)
        {
            int fd = protocol == "tcp" ? s.Tcp(af) : s.Udp(af);
            fds.Add(fd);
            (failure, failedCall) = fd < 0 ? (fd, "socket") : (SetRange(fd, lo, hi), "setsockopt");
            if (failure == 0 && call == "bind-no-port-connect")
            {
                (failure, failedCall) = (RawSocket.SetInt(fd, SOL_IP, IP_BIND_ADDRESS_NO_PORT, 1), "setsockopt(IP_BIND_ADDRESS_NO_PORT)");
            }
            if (failure == 0 && call != "connect")
            {
                (failure, failedCall) = (Bind(fd, local, 0), "bind");
                if (failure == 0 && i == 0) portAfterBind = LocalPort(fd);
            }
            if (failure == 0 && call != "bind")
            {
                (failure, failedCall) = (Connect(fd, local, destination), "connect");
            }
            if (failure == 0)
            {
                ports.Add(LocalPort(fd));
            }
        }
        // The same ports found apart from getsockname(): /proc/net lists connected TCP and every UDP
        // socket; a TCP socket that is only bound is in no table there, so a plain bind() of its
        // ip:port must be refused instead.
        bool boundTcp = protocol == "tcp" && call == "bind";
        var listed = boundTcp ? [] : TcpTable.LocalPorts(protocol);
        bool Confirmed(long port)
        {
            if (!boundTcp) return listed.Contains((int)port);
            int probe = s.Tcp(af);
            int rc = Bind(probe, local, (int)port);
            s.Close(probe);
            return rc == -Errno.EADDRINUSE;
        }
        double confirmed = ports.Count == 0 ? 0 : Math.Round(ports.Count(Confirmed) / (double)ports.Count, 4);
        CloseWithReset(s, fds);
        var (elo, ehi) = Effective(lo, hi);
        double Share(Func<long, bool> inside) => ports.Count == 0 ? 0 : Math.Round(ports.Count(inside) / (double)ports.Count, 4);
        var inputs = new Dictionary<string, string>
        {
            ["protocol"] = protocol == "tcp" ? "TCP" : "UDP",
            ["family"] = family == "ipv4" ? "IPv4 (127.0.0.1)" : "IPv6 ([::1])",
            ["option"] = Range(lo, hi),
            ["each_socket"] = call switch
            {
                "connect" => $"setsockopt, then connect(port {destination}) on an unbound socket",
                "bind" => "setsockopt, then bind(ip, 0), no connect",
                _ => $"setsockopt, IP_BIND_ADDRESS_NO_PORT, bind(ip, 0), then connect(port {destination})",
            },
            ["sockets"] = $"all kept open, up to {FamilySockets}",
            ["failed_call"] = failure == 0 ? "none" : failedCall,
            ["confirmed_by"] = boundTcp ? "a plain bind() of each ip:port, refused with EADDRINUSE" : $"/proc/net/{protocol} and {protocol}6 listing each port",
        };
        var numbers = new Dictionary<string, double>
        {
            ["calls_ok"] = ports.Count,
            ["effective_lo"] = elo,
            ["effective_hi"] = ehi,
            ["port_min"] = ports.Count > 0 ? ports.Min() : 0,
            ["port_max"] = ports.Count > 0 ? ports.Max() : 0,
            ["in_namespace_range_share"] = Share(p => p >= Lo && p <= Hi),
            ["in_option_range_share"] = Share(p => p >= elo && p <= ehi),
            ["confirmed_share"] = confirmed,
        };
        if (call == "bind-no-port-connect")
        {
            numbers["port_after_bind"] = portAfterBind;
        }
        return Case(MatrixName(protocol, family, call, label), inputs, failure, numbers, ports);
    }
}
