using System.Globalization;
using System.Net;
using System.Runtime.Versioning;
using ConnStorm.Sockets;
using static ConnStorm.Probes.Catalogue.PortKit;
using static ConnStorm.Probes.ProbeSockets;

namespace ConnStorm.Probes.Catalogue;

/// <summary>
/// held-ports: does connect() take a port other sockets hold? Every case narrows the clients to
/// a 4-port range with IP_LOCAL_PORT_RANGE and puts one socket on a port inside it first: a
/// listener or a socket only bound, on the clients' address, on another IPv4 address or on [::1];
/// or a client that connect()ed to another destination from that port; or nobody. Then clients
/// connect() to one destination until the range is used up, all kept open. Whether the held port
/// was taken is read twice: from getsockname() and from /proc/net/tcp.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed partial class HeldPortsProbe : IProbe, IProbeClaims
{
    public const int RangeLo = 40500, RangeHi = 40503, Held = 40501, RangeSize = RangeHi - RangeLo + 1;
    /// <summary>More clients than ports: the last one shows how the range ran out.</summary>
    public const int Clients = RangeSize + 2;

    public string Name => "held-ports";

    public string Description => $"connect() with IP_LOCAL_PORT_RANGE {RangeLo}-{RangeHi} while port {Held} is held by a listener, a bound socket (same or another address) or another connection";

    /// <summary>Who holds the port before the clients connect: a case each.</summary>
    public sealed record Holder(string Name, string Describe, IPAddress? Address, bool Listen, bool ReuseAddr, bool ByConnect, bool BindJoinsThenLeaves = false);

    public static readonly IReadOnlyList<Holder> Holders =
    [
        new("nobody", "nobody (every port of the range free)", null, false, false, false),
        new("connect-to-other-destination", $"a client that connect()ed from 127.0.0.1:{Held} to another destination", IPAddress.Loopback, false, false, true),
        // Since 6.18 a bind bucket goes back to connect() when its last bind() user leaves; before, it stayed bind()'s until the port was empty.
        new("connect-then-bind-joined-and-left", $"a client that connect()ed from 127.0.0.1:{Held} to another destination, joined by a socket bound to 127.0.0.2:{Held} that then closed", IPAddress.Loopback, false, false, true, BindJoinsThenLeaves: true),
        new("listener-same-address", $"a listener on 127.0.0.1:{Held}", IPAddress.Loopback, true, false, false),
        new("listener-other-address", $"a listener on 127.0.0.2:{Held}", IPAddress.Parse("127.0.0.2"), true, false, false),
        new("listener-ipv6-loopback", $"a listener on [::1]:{Held}", IPAddress.IPv6Loopback, true, false, false),
        new("bound-same-address", $"a socket bound to 127.0.0.1:{Held}, not listening", IPAddress.Loopback, false, false, false),
        new("bound-other-address", $"a socket bound to 127.0.0.2:{Held}, not listening", IPAddress.Parse("127.0.0.2"), false, false, false),
        new("bound-reuseaddr-same-address", $"a socket bound to 127.0.0.1:{Held} with SO_REUSEADDR, not listening (the clients set SO_REUSEADDR too)", IPAddress.Loopback, false, true, false),
    ];

    public IEnumerable<ProbeCase> Run(ProbeEnvironment env)
    {
        var s = new ProbeSockets(env);
        int[] listeners = Listeners(env, s, 2);
        env.SetSysctl(RangeKey, "40000 40999");
        foreach (var holder in Holders)
        {
            yield return Case(s, holder, listeners[0], listeners[1]);
        }
    }

    private ProbeCase Case(ProbeSockets s, Holder holder, int destination, int other)
    {
        var fds = new List<int>();
        int holderRc = 0;
        if (holder.ByConnect)
        {
            // The port first taken by connect(): a range of that one port, to the other destination.
            int h = s.Tcp();
            fds.Add(h);
            holderRc = SetRange(h, Held, Held);
            if (holderRc == 0) holderRc = Connect(h, Loopback, other);
            if (holderRc == 0 && holder.BindJoinsThenLeaves)
            {
                int j = s.Tcp();
                holderRc = Bind(j, IPAddress.Parse("127.0.0.2"), Held);
                s.Close(j);
            }
        }
        else if (holder.Address is { } address)
        {
            int h = s.Tcp(address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? SocketOptions.AF_INET6 : SocketOptions.AF_INET, reuseAddr: holder.ReuseAddr);
            fds.Add(h);
            holderRc = Bind(h, address, Held);
            if (holderRc == 0 && holder.Listen) holderRc = Listen(h);
        }
        var ports = new List<long>();
        int failure = 0, attempts = 0;
        for (int i = 0; i < Clients && failure == 0; i++)
        {
            int fd = s.Tcp(reuseAddr: holder.ReuseAddr);
            fds.Add(fd);
            attempts++;
            failure = SetRange(fd, RangeLo, RangeHi);
            if (failure == 0) failure = Connect(fd, Loopback, destination);
            if (failure == 0) ports.Add(LocalPort(fd));
        }
        // The second path: /proc/net/tcp lists a connection from the held port to the destination or not.
        int listed = TcpTable.Connections(Held, destination);
        CloseWithReset(s, fds);
        var (outcome, errno) = failure < 0 ? ProbeCase.FromReturn(failure) : (ProbeCase.Observed, null);
        string P(int p) => p.ToString(CultureInfo.InvariantCulture);
        return new ProbeCase
        {
            Probe = Name,
            Case = holder.Name,
            Inputs = new Dictionary<string, string>
            {
                ["holder"] = holder.Describe,
                ["clients"] = $"IP_LOCAL_PORT_RANGE {Range(RangeLo, RangeHi)}{(holder.ReuseAddr ? ", SO_REUSEADDR" : "")}, then connect(127.0.0.1:{P(destination)}); up to {Clients}, all kept open",
                ["held_port"] = P(Held),
            },
            Outcome = outcome,
            Errno = errno,
            Numbers = new Dictionary<string, double>
            {
                ["holder_ok"] = holderRc == 0 ? 1 : 0,
                ["holder_errno"] = holderRc < 0 ? -holderRc : 0,
                ["range_size"] = RangeSize,
                ["attempts"] = attempts,
                ["connects_ok"] = ports.Count,
                ["distinct"] = ports.Distinct().Count(),
                ["in_range_share"] = ports.Count == 0 ? 0 : Math.Round(ports.Count(p => p >= RangeLo && p <= RangeHi) / (double)ports.Count, 4),
                ["took_held"] = ports.Contains(Held) ? 1 : 0,
                ["proc_tcp_connections_from_held"] = listed,
            },
            Values = ports,
        };
    }
}
