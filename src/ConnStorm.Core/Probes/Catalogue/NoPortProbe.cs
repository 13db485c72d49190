using System.Runtime.Versioning;
using ConnStorm.Sockets;
using static ConnStorm.Probes.Catalogue.PortKit;
using static ConnStorm.Probes.ProbeSockets;
using static ConnStorm.Sockets.SocketOptions;

namespace ConnStorm.Probes.Catalogue;

/// <summary>
/// no-port: IP_BIND_ADDRESS_NO_PORT. The local port getsockname() shows after bind(127.0.0.1, 0)
/// and after connect(), with the option and without; and on a 1-port range, two sockets bound to
/// the same IP connecting to two destinations (with the option they may share the one port; without
/// it the second bind has no port left), and with the option to one destination twice.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed partial class NoPortProbe : IProbe, IProbeClaims
{
    public const int Lo = 40000, Hi = 40999, OnePort = 40000;

    public string Name => "no-port";

    public string Description => "IP_BIND_ADDRESS_NO_PORT: the port after bind(ip, 0) and after connect(), and two sockets on a 1-port range";

    private sealed record Step(int Rc, string Call, int PortAfterBind, int PortAfterConnect);

    public IEnumerable<ProbeCase> Run(ProbeEnvironment env)
    {
        var s = new ProbeSockets(env);
        int[] listeners = Listeners(env, s, 2);
        int a = listeners[0], b = listeners[1];
        env.SetSysctl(RangeKey, $"{Lo} {Hi}");
        yield return Single("with-option", s, a, noPort: true);
        yield return Single("without-option", s, a, noPort: false);

        // One port in the range: whatever a second socket gets must be that port or nothing.
        env.SetSysctl(RangeKey, $"{OnePort} {OnePort}");
        yield return Pair("one-port-range-with-option-two-destinations", s, a, b, noPort: true);
        yield return Pair("one-port-range-with-option-same-destination-twice", s, a, a, noPort: true);
        yield return Pair("one-port-range-without-option-two-destinations", s, a, b, noPort: false);
    }

    /// <summary>socket, the option if asked, bind(127.0.0.1, 0), connect(): getsockname() after bind and after connect.</summary>
    private static Step Open(ProbeSockets s, List<int> fds, int destination, bool noPort)
    {
        int fd = s.Tcp();
        fds.Add(fd);
        if (fd < 0) return new Step(fd, "socket", -1, -1);
        if (noPort && RawSocket.SetInt(fd, SOL_IP, IP_BIND_ADDRESS_NO_PORT, 1) is var so and < 0) return new Step(so, "setsockopt", -1, -1);
        if (Bind(fd, Loopback, 0) is var rc and < 0) return new Step(rc, "bind", -1, -1);
        int afterBind = LocalPort(fd);
        if (Connect(fd, Loopback, destination) is var cc and < 0) return new Step(cc, "connect", afterBind, -1);
        return new Step(0, "none", afterBind, LocalPort(fd));
    }

    private ProbeCase Single(string name, ProbeSockets s, int destination, bool noPort)
    {
        var fds = new List<int>();
        var step = Open(s, fds, destination, noPort);
        CloseWithReset(s, fds);
        var (outcome, errno) = ProbeCase.FromReturn(step.Rc);
        return new ProbeCase
        {
            Probe = Name,
            Case = name,
            Inputs = Inputs($"{Lo} {Hi}", noPort, $"127.0.0.1:{destination}", step.Call),
            Outcome = outcome,
            Errno = errno,
            Numbers = new Dictionary<string, double>
            {
                ["port_after_bind"] = step.PortAfterBind,
                ["port_after_connect"] = step.PortAfterConnect,
            },
        };
    }

    /// <summary>Two sockets, both kept open; the outcome is the second one's.</summary>
    private ProbeCase Pair(string name, ProbeSockets s, int first, int second, bool noPort)
    {
        var fds = new List<int>();
        var one = Open(s, fds, first, noPort);
        var two = Open(s, fds, second, noPort);
        CloseWithReset(s, fds);
        var (outcome, errno) = ProbeCase.FromReturn(two.Rc);
        string destinations = first == second ? $"127.0.0.1:{first} twice" : $"127.0.0.1:{first} and 127.0.0.1:{second}";
        var inputs = Inputs($"{OnePort} {OnePort}", noPort, destinations, two.Call);
        inputs["first_socket"] = one.Rc == 0 ? "connected" : $"{Errno.Name(-one.Rc)} from {one.Call}()";
        return new ProbeCase
        {
            Probe = Name,
            Case = name,
            Inputs = inputs,
            Outcome = outcome,
            Errno = errno,
            Numbers = new Dictionary<string, double>
            {
                ["first_ok"] = one.Rc == 0 ? 1 : 0,
                ["first_port"] = one.PortAfterConnect,
                ["second_port_after_bind"] = two.PortAfterBind,
                ["second_port"] = two.PortAfterConnect,
                ["same_port"] = one.Rc == 0 && two.Rc == 0 && one.PortAfterConnect == two.PortAfterConnect ? 1 : 0,
            },
            Values = new[] { one, two }.Where(x => x.Rc == 0).Select(x => (long)x.PortAfterConnect).ToList(),
        };
    }

    private static Dictionary<string, string> Inputs(string range, bool noPort, string destinations, string failedCall) => new()
    {
        ["ip_local_port_range"] = range,
        ["ip_bind_address_no_port"] = noPort ? "1" : "not set",
        ["each_socket"] = "bind(127.0.0.1, 0), then connect()",
        ["destinations"] = destinations,
        ["failed_call"] = failedCall,
    };
}
