using System.Runtime.Versioning;
using ConnStorm.Sockets;
using static ConnStorm.Probes.Catalogue.PortKit;
using static ConnStorm.Probes.ProbeSockets;
using static ConnStorm.Sockets.SocketOptions;

namespace ConnStorm.Probes.Catalogue;

/// <summary>
/// port-exhaustion: on a 20-port range, how many sockets each strategy gets before the first
/// failure, which call fails and with which errno: connect() to one destination, bind(ip, 0)
/// then connect(), bind with IP_BIND_ADDRESS_NO_PORT then connect(), connect() to two
/// destinations in turn, connect() with IP_LOCAL_PORT_RANGE narrowed to 5 ports.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class PortExhaustionProbe : IProbe, IProbeClaims
{
    public const int Lo = 40000, Hi = 40019, Size = Hi - Lo + 1;
    public const int NarrowHi = Lo + 4;

    public const string Claim = "bind(ip, 0) before connect() runs out with EADDRINUSE at bind, connect() alone with EADDRNOTAVAIL at connect";

    public string Name => "port-exhaustion";

    public string Description => $"which call fails, with which errno, when the {Size}-port range {Lo}-{Hi} is used up, per strategy";

    /// <summary>One socket's attempt: 0, or the failing call's -errno and its name.</summary>
    private delegate (int Rc, string Call) Attempt(int fd, int index);

    public IEnumerable<ProbeCase> Run(ProbeEnvironment env)
    {
        var s = new ProbeSockets(env);
        int[] listeners = Listeners(env, s, 2);
        int a = listeners[0], b = listeners[1];
        env.SetSysctl(RangeKey, $"{Lo} {Hi}");

        yield return Exhaust("connect-one-destination", s, Size + 10, $"127.0.0.1:{a}", "connect() on an unbound socket",
            (fd, _) => (Connect(fd, Loopback, a), "connect"));
        yield return Exhaust("bind-then-connect", s, Size + 10, $"127.0.0.1:{a}", "bind(127.0.0.1, 0), then connect()",
            (fd, _) => Bind(fd, Loopback, 0) is var rc and < 0 ? (rc, "bind") : (Connect(fd, Loopback, a), "connect"));
        yield return Exhaust("bind-no-port-then-connect", s, Size + 10, $"127.0.0.1:{a}", "IP_BIND_ADDRESS_NO_PORT=1, bind(127.0.0.1, 0), then connect()",
            (fd, _) => RawSocket.SetInt(fd, SOL_IP, IP_BIND_ADDRESS_NO_PORT, 1) is var so and < 0 ? (so, "setsockopt")
                : Bind(fd, Loopback, 0) is var rc and < 0 ? (rc, "bind")
                : (Connect(fd, Loopback, a), "connect"));
        // Alternating destinations: each has its own 20 4-tuples, so the first failure comes when A's are gone.
        yield return Exhaust("connect-two-destinations", s, 2 * Size + 10, $"127.0.0.1:{a} and 127.0.0.1:{b} in turn", "connect() on an unbound socket",
            (fd, i) => (Connect(fd, Loopback, i % 2 == 0 ? a : b), "connect"));
        yield return Exhaust("connect-narrowed-range", s, Size + 10, $"127.0.0.1:{a}", $"IP_LOCAL_PORT_RANGE {Range(Lo, NarrowHi)}, then connect()",
            (fd, _) => SetRange(fd, Lo, NarrowHi) is var so and < 0 ? (so, "setsockopt") : (Connect(fd, Loopback, a), "connect"));
    }

    /// <summary>Up to <paramref name="max"/> sockets, all kept open, until the first failure; then all reset.</summary>
    private ProbeCase Exhaust(string name, ProbeSockets s, int max, string destinations, string how, Attempt attempt)
    {
        var fds = new List<int>();
        var ports = new List<long>();
        (int Rc, string Call) failure = (0, "none");
        for (int i = 0; i < max && failure.Rc == 0; i++)
        {
            int fd = s.Tcp();
            fds.Add(fd);
            failure = fd < 0 ? (fd, "socket") : attempt(fd, i);
            if (failure.Rc == 0)
            {
                ports.Add(LocalPort(fd));
            }
        }
        int attempts = fds.Count;
        CloseWithReset(s, fds);
        var (outcome, errno) = ProbeCase.FromReturn(failure.Rc);
        return new ProbeCase
        {
            Probe = Name,
            Case = name,
            Inputs = new Dictionary<string, string>
            {
                ["ip_local_port_range"] = $"{Lo} {Hi}",
                ["each_socket"] = how,
                ["destinations"] = destinations,
                ["sockets"] = $"all kept open, up to {max}",
                ["failed_call"] = failure.Call,
            },
            Outcome = outcome,
            Errno = errno,
            Numbers = new Dictionary<string, double>
            {
                ["succeeded"] = ports.Count,
                ["attempts"] = attempts,
                ["range_size"] = Size,
                ["distinct_ports"] = ports.Distinct().Count(),
            },
            Values = ports,
        };
    }

    public IEnumerable<ProbeClaim> Judge(IReadOnlyList<ProbeCase> cases)
    {
        var connect = cases.Find("connect-one-destination");
        var bind = cases.Find("bind-then-connect");
        if (connect is null || bind is null)
        {
            yield return Verdict.Missing(Claim, $"{Name}/connect-one-destination", $"{Name}/bind-then-connect");
            yield break;
        }
        static string FailedCall(ProbeCase c) => c.Inputs.GetValueOrDefault("failed_call", "none");
        static string Told(ProbeCase c) => c.Outcome == ProbeCase.Error
            ? $"{c.Numbers.GetValueOrDefault("succeeded"):0} sockets, then {c.Said()} from {FailedCall(c)}()"
            : $"{c.Numbers.GetValueOrDefault("succeeded"):0} sockets without a failure";
        bool bindAsSaid = bind.Errno == "EADDRINUSE" && FailedCall(bind) == "bind";
        bool connectAsSaid = connect.Errno == "EADDRNOTAVAIL" && FailedCall(connect) == "connect";
        string verdict = bindAsSaid && connectAsSaid ? Verdict.Holds
            : connect.Outcome != ProbeCase.Error || bind.Outcome != ProbeCase.Error ? Verdict.NotSettled
            : Verdict.DoesNotHold;
        yield return new ProbeClaim(Claim, verdict,
            $"on a {Size}-port range: bind(ip, 0) then connect(): {Told(bind)}; connect() alone: {Told(connect)}",
            [bind.Id, connect.Id]);
    }
}
