using System.Buffers.Binary;
using System.Runtime.Versioning;
using ConnStorm.Sockets;
using static ConnStorm.Probes.Catalogue.PortKit;
using static ConnStorm.Probes.ProbeSockets;
using static ConnStorm.Sockets.SocketOptions;

namespace ConnStorm.Probes.Catalogue;

/// <summary>
/// local-port-range: the IP_LOCAL_PORT_RANGE option's rules as the kernel answers them, with the
/// namespace range 40000-40999: a range inside it, ranges outside or across it (where connect()'s
/// ports land), lo &gt; hi, one port, reset with 0/0, a wrong option length. On a kernel without
/// the option every case records ENOPROTOOPT. Then the same option over TCP and UDP, IPv4 and
/// IPv6, connect(), bind(ip, 0) and IP_BIND_ADDRESS_NO_PORT (LocalPortRangeProbe.Families.cs).
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed partial class LocalPortRangeProbe : IProbe, IProbeClaims
{
    public const int Lo = 40000, Hi = 40999;
    public const int Connects = 20;

    public string Name => "local-port-range";

    public string Description => $"IP_LOCAL_PORT_RANGE against the namespace range {Lo}-{Hi}: inside, outside, lo > hi, one port, reset, wrong length; then TCP and UDP × IPv4 and IPv6 × connect(), bind(ip, 0), IP_BIND_ADDRESS_NO_PORT × a range inside, hi = 0, lo = 0";

    /// <summary>The ranges whose connect() ports are measured, by case name.</summary>
    public static readonly (string Case, int Lo, int Hi)[] Ranges =
    [
        ("within-range", 40100, 40199),
        ("outside-above", 41000, 41999),
        ("outside-below", 30000, 30999),
        ("across-low-bound", 39900, 40099),
        ("across-high-bound", 40900, 41100),
        ("low-bound-zero", 0, 40099),
    ];

    public IEnumerable<ProbeCase> Run(ProbeEnvironment env)
    {
        var s = new ProbeSockets(env);
        int a = Listeners(env, s, 1)[0];
        // Made while the namespace range is still the listeners' (20000-20999), like the IPv4 one.
        int a6 = 0;
        if (s.Listener(System.Net.IPAddress.IPv6Loopback, ref a6) < 0) a6 = 0;
        env.SetSysctl(RangeKey, $"{Lo} {Hi}");

        yield return ReadFresh(s);
        foreach (var (name, lo, hi) in Ranges)
        {
            yield return Ports(name, s, a, lo, hi);
        }
        yield return Refused("lo-greater-than-hi", s, "40200 40100 (lo > hi, both non-zero)", fd => SetRange(fd, 40200, 40100));
        yield return Refused("wrong-length-2-bytes", s, "2 bytes (lo only)", fd => RawSocket.SetBytes(fd, SOL_IP, IP_LOCAL_PORT_RANGE, Packed(40100, 40199).AsSpan(0, 2)));
        yield return Refused("wrong-length-8-bytes", s, "8 bytes (the packed range, then 4 zero bytes)", fd => RawSocket.SetBytes(fd, SOL_IP, IP_LOCAL_PORT_RANGE, [.. Packed(40100, 40199), 0, 0, 0, 0]));
        yield return SinglePort(s, a, 40300);
        yield return Reset(s, a);
        foreach (var c in Matrix(s, a, a6))
        {
            yield return c;
        }
    }

    /// <summary>The option as the kernel reads it: a host-order uint32 (hi &lt;&lt; 16) | lo.</summary>
    private static byte[] Packed(int lo, int hi)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, RawSocket.PackPortRange(lo, hi));
        if (!BitConverter.IsLittleEndian) Array.Reverse(bytes);
        return bytes;
    }

    private ProbeCase Case(string name, Dictionary<string, string> inputs, int rc, Dictionary<string, double> numbers, IReadOnlyList<long>? values = null)
    {
        var (outcome, errno) = ProbeCase.FromReturn(rc);
        inputs["ip_local_port_range"] = $"{Lo} {Hi}";
        return new ProbeCase { Probe = Name, Case = name, Inputs = inputs, Outcome = outcome, Errno = errno, Numbers = numbers, Values = values };
    }

    /// <summary>getsockopt on a socket that never set the option: 0, or ENOPROTOOPT where the option does not exist.</summary>
    private ProbeCase ReadFresh(ProbeSockets s)
    {
        var fds = new List<int> { s.Tcp() };
        int lo = 0, hi = 0;
        int rc = fds[0] < 0 ? fds[0] : GetRange(fds[0], out lo, out hi);
        CloseWithReset(s, fds);
        return Case("read-on-fresh-socket", new() { ["getsockopt"] = "IP_LOCAL_PORT_RANGE on a new TCP socket" }, rc,
            new() { ["get_lo"] = rc == 0 ? lo : 0, ["get_hi"] = rc == 0 ? hi : 0 });
    }

    /// <summary>
    /// <see cref="Connects"/> sockets with the option set to lo-hi, each connect()ed to the
    /// listener and kept open: where their ports land. The outcome is setsockopt's answer.
    /// </summary>
    private ProbeCase Ports(string name, ProbeSockets s, int destination, int lo, int hi)
    {
        var fds = new List<int>();
        var ports = new List<long>();
        int set = 0, readLo = 0, readHi = 0;
        string connectFailure = "none";
        for (int i = 0; i < Connects; i++)
        {
            int fd = s.Tcp();
            fds.Add(fd);
            int rc = SetRange(fd, lo, hi);
            if (i == 0)
            {
                set = rc;
                if (rc == 0) GetRange(fd, out readLo, out readHi);
            }
            if (rc < 0) break;
            rc = Connect(fd, Loopback, destination);
            if (rc < 0)
            {
                connectFailure = Errno.Name(-rc);
                break;
            }
            ports.Add(LocalPort(fd));
        }
        CloseWithReset(s, fds);
        double Share(Func<long, bool> inside) => ports.Count == 0 ? 0 : Math.Round(ports.Count(inside) / (double)ports.Count, 4);
        return Case(name, new()
        {
            ["option"] = Range(lo, hi),
            ["each_socket"] = $"setsockopt, then connect(127.0.0.1:{destination}); up to {Connects} sockets kept open",
            ["connect_failure"] = connectFailure,
        }, set, new()
        {
            ["get_lo"] = readLo,
            ["get_hi"] = readHi,
            ["connects_ok"] = ports.Count,
            ["port_min"] = ports.Count > 0 ? ports.Min() : 0,
            ["port_max"] = ports.Count > 0 ? ports.Max() : 0,
            ["in_namespace_range_share"] = Share(p => p >= Lo && p <= Hi),
            ["in_option_range_share"] = Share(p => p >= lo && p <= hi),
        }, ports);
    }

    /// <summary>A setsockopt the rules say is refused: its answer, and what getsockopt reads afterwards.</summary>
    private ProbeCase Refused(string name, ProbeSockets s, string value, Func<int, int> set)
    {
        var fds = new List<int> { s.Tcp() };
        int rc = fds[0] < 0 ? fds[0] : set(fds[0]);
        int lo = 0, hi = 0;
        int read = fds[0] < 0 ? fds[0] : GetRange(fds[0], out lo, out hi);
        CloseWithReset(s, fds);
        return Case(name, new() { ["option"] = value }, rc, new()
        {
            ["get_lo_after"] = read == 0 ? lo : 0,
            ["get_hi_after"] = read == 0 ? hi : 0,
        });
    }

    /// <summary>lo == hi: two sockets with that one port to the same destination; the outcome is the second connect's.</summary>
    private ProbeCase SinglePort(ProbeSockets s, int destination, int port)
    {
        var fds = new List<int>();
        long[] got = new long[2];
        int rc = 0, setRc = 0;
        for (int i = 0; i < 2; i++)
        {
            int fd = s.Tcp();
            fds.Add(fd);
            setRc = SetRange(fd, port, port);
            rc = setRc < 0 ? setRc : Connect(fd, Loopback, destination);
            got[i] = rc == 0 ? LocalPort(fd) : 0;
            if (rc < 0) break;
        }
        CloseWithReset(s, fds);
        return Case("single-port", new()
        {
            ["option"] = Range(port, port),
            ["each_socket"] = $"setsockopt, then connect(127.0.0.1:{destination}), twice, the first kept open",
            ["failed_call"] = rc == 0 ? "none" : setRc < 0 ? "setsockopt" : "connect",
        }, rc, new()
        {
            ["first_port"] = got[0],
            ["second_port"] = got[1],
        });
    }

    /// <summary>Set a range, then 0/0: getsockopt should read 0 and connect() use the whole namespace range.</summary>
    private ProbeCase Reset(ProbeSockets s, int destination)
    {
        var fds = new List<int> { s.Tcp() };
        int fd = fds[0];
        int first = SetRange(fd, 40100, 40199);
        int rc = first < 0 ? first : SetRange(fd, 0, 0);
        int value = 0;
        if (rc == 0) RawSocket.GetInt(fd, SOL_IP, IP_LOCAL_PORT_RANGE, out value);
        int port = rc == 0 && Connect(fd, Loopback, destination) == 0 ? LocalPort(fd) : 0;
        CloseWithReset(s, fds);
        return Case("reset-to-zero", new()
        {
            ["option"] = $"{Range(40100, 40199)}, then 0/0",
            ["then"] = $"connect(127.0.0.1:{destination})",
        }, rc, new()
        {
            ["get_value_after_reset"] = value,
            ["connect_port"] = port,
        });
    }
}
