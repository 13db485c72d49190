using System.Globalization;
using System.Runtime.Versioning;
using static ConnStorm.Probes.ProbeSockets;

namespace ConnStorm.Probes.Catalogue;

/// <summary>
/// bind-sequences: three TCP sockets on one port. The first two bind the IPv4 and the dual-stack
/// IPv6 wildcard (both orders) with the same options (none, SO_REUSEADDR, SO_REUSEPORT; bound, or
/// listening with SO_REUSEPORT), then a third binds a loopback address (127.0.0.1, [::1],
/// [::ffff:127.0.0.1]) plain or with the same option, and tries to listen. Beside each sequence,
/// on ports of their own, the third socket against the first alone and against the second alone:
/// whether the kernel's answer to the sequence is what its pairs say. Last, the steps of the
/// kernel's reuseaddr_conflict selftest, one outcome per step.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed partial class BindSequenceProbe : IProbe, IProbeClaims
{
    private const int FirstPort = 43000, SelftestPort = 43900;

    public string Name => "bind-sequences";

    public string Description => "three sockets on one port: 0.0.0.0 and [::] (both orders, no option, SO_REUSEADDR or SO_REUSEPORT), then a loopback address plain or with the option; each beside the same third socket against each of the two alone; the reuseaddr_conflict selftest's steps";

    /// <summary>The addresses the third socket binds.</summary>
    public static readonly IReadOnlyList<BindAddress> Thirds = [.. BindAddress.All.Where(a => a.Label is "127.0.0.1" or "[::1]" or "[::ffff:127.0.0.1]")];

    /// <summary>One sequence: the first two sockets (with <see cref="First"/>'s options), the third and its options, and whether the first two listen.</summary>
    public sealed record Sequence(BindAddress First, BindAddress Second, BindOptions Options, bool Listening, BindAddress Third, BindOptions ThirdOptions)
    {
        public string Name => $"{First.Label}+{Second.Label}-{Options.Label}{(Listening ? "-listening" : "")}-then-{Third.Label}-{ThirdOptions.Label}";
    }

    public static IReadOnlyList<Sequence> All()
    {
        var any4 = BindAddress.All.Single(a => a.Label == "0.0.0.0");
        var any6 = BindAddress.All.Single(a => a.Label == "[::]");
        var list = new List<Sequence>();
        foreach (var (first, second) in new[] { (any4, any6), (any6, any4) })
        {
            foreach (var third in Thirds)
            {
                list.Add(new Sequence(first, second, BindOptions.None, false, third, BindOptions.None));
                foreach (var options in new[] { BindOptions.ReuseAddress, BindOptions.ReusePortOnly })
                {
                    list.Add(new Sequence(first, second, options, false, third, BindOptions.None));
                    list.Add(new Sequence(first, second, options, false, third, options));
                }
                // SO_REUSEPORT lets both wildcards listen: the third then meets two listeners.
                list.Add(new Sequence(first, second, BindOptions.ReusePortOnly, true, third, BindOptions.None));
                list.Add(new Sequence(first, second, BindOptions.ReusePortOnly, true, third, BindOptions.ReusePortOnly));
            }
        }
        return list;
    }

    public IEnumerable<ProbeCase> Run(ProbeEnvironment env)
    {
        var s = new ProbeSockets(env);
        int port = FirstPort;
        foreach (var seq in All())
        {
            yield return Run(s, seq, port);
            port += 3;
        }
        yield return ReuseAddrConflictSteps(s, SelftestPort);
    }

    /// <summary>A socket bound to <paramref name="address"/>:<paramref name="port"/> (listening if asked): its fd and the first failure (0 when none), with which call failed.</summary>
    private static (int Fd, int Rc, string Call) Open(ProbeSockets s, BindAddress address, BindOptions options, int port, bool listen)
    {
        int fd = s.Tcp(address.Family, options.ReuseAddr, options.ReusePort, address.V6Only);
        if (fd < 0) return (fd, fd, "socket");
        int rc = Bind(fd, address.Address, port);
        if (rc < 0) return (fd, rc, "bind");
        rc = listen ? Listen(fd) : 0;
        return (fd, rc, rc < 0 ? "listen" : "none");
    }

    /// <summary>The third socket after the sockets before it: bind, then listen. 0 when both succeed.</summary>
    private static (int Rc, string Call) Third(ProbeSockets s, Sequence seq, int port, bool firstOn, bool secondOn)
    {
        var opened = new List<int>();
        try
        {
            if (firstOn)
            {
                var a = Open(s, seq.First, seq.Options, port, seq.Listening);
                opened.Add(a.Fd);
            }
            if (secondOn)
            {
                var b = Open(s, seq.Second, seq.Options, port, seq.Listening);
                opened.Add(b.Fd);
            }
            var c = Open(s, seq.Third, seq.ThirdOptions, port, listen: true);
            opened.Add(c.Fd);
            return (c.Rc, c.Call);
        }
        finally
        {
            foreach (int fd in opened) s.Close(fd);
        }
    }

    private ProbeCase Run(ProbeSockets s, Sequence seq, int port)
    {
        // The whole sequence, kept open until the third has answered.
        var a = Open(s, seq.First, seq.Options, port, seq.Listening);
        var b = Open(s, seq.Second, seq.Options, port, seq.Listening);
        var c = Open(s, seq.Third, seq.ThirdOptions, port, listen: true);
        foreach (int fd in new[] { a.Fd, b.Fd, c.Fd }) s.Close(fd);
        // The pairs, each on a port of its own: the third against the first alone, and against the second alone.
        var withFirst = Third(s, seq, port + 1, firstOn: true, secondOn: false);
        var withSecond = Third(s, seq, port + 2, firstOn: false, secondOn: true);
        var (outcome, errno) = ProbeCase.FromReturn(c.Rc);
        string P(int p) => p.ToString(CultureInfo.InvariantCulture);
        return new ProbeCase
        {
            Probe = Name,
            Case = seq.Name,
            Inputs = new Dictionary<string, string>
            {
                ["first"] = $"{seq.First.Label}:{P(port)}, {seq.Options.Describe.Replace(" on both", "", StringComparison.Ordinal)}{(seq.Listening ? ", listening" : ", bound")}",
                ["second"] = $"{seq.Second.Label}:{P(port)}, {seq.Options.Describe.Replace(" on both", "", StringComparison.Ordinal)}{(seq.Listening ? ", listening" : ", bound")}",
                ["third"] = $"{seq.Third.Label}:{P(port)}, {seq.ThirdOptions.Describe.Replace(" on both", "", StringComparison.Ordinal)}, bind then listen",
                ["pairs"] = $"the third against the first alone on {P(port + 1)}, against the second alone on {P(port + 2)}",
            },
            Outcome = outcome,
            Errno = errno,
            Numbers = new Dictionary<string, double>
            {
                ["first_ok"] = a.Rc == 0 ? 1 : 0,
                ["second_ok"] = b.Rc == 0 ? 1 : 0,
                ["second_errno"] = b.Rc < 0 ? -b.Rc : 0,
                ["third_ok"] = c.Rc == 0 ? 1 : 0,
                ["third_failed_in_listen"] = c.Call == "listen" ? 1 : 0,
                ["third_errno"] = c.Rc < 0 ? -c.Rc : 0,
                ["pair_first_ok"] = withFirst.Rc == 0 ? 1 : 0,
                ["pair_second_ok"] = withSecond.Rc == 0 ? 1 : 0,
            },
        };
    }

    /// <summary>
    /// The steps of the kernel's reuseaddr_conflict selftest, every socket with SO_REUSEADDR and
    /// listening: 127.0.0.1, then 0.0.0.0, then [::] v6only, 0.0.0.0 again, [::] closed, 0.0.0.0
    /// once more. Values: 1 for a step that bound and listened, 0 for one refused.
    /// </summary>
    private ProbeCase ReuseAddrConflictSteps(ProbeSockets s, int port)
    {
        var lo = BindAddress.All.Single(a => a.Label == "127.0.0.1");
        var any4 = BindAddress.All.Single(a => a.Label == "0.0.0.0");
        var v6only = BindAddress.All.Single(a => a.Label == "[::]v6only");
        var steps = new List<long>();
        var errnos = new List<string>();
        var open = new List<int>();
        int Step(BindAddress address)
        {
            var r = Open(s, address, BindOptions.ReuseAddress, port, listen: true);
            steps.Add(r.Rc == 0 ? 1 : 0);
            errnos.Add(r.Rc == 0 ? "ok" : Sockets.Errno.Name(-r.Rc));
            if (r.Rc == 0) open.Add(r.Fd); else s.Close(r.Fd);
            return r.Rc == 0 ? r.Fd : -1;
        }
        Step(lo);
        Step(any4);
        int six = Step(v6only);
        Step(any4);
        if (six >= 0)
        {
            s.Close(six);
            open.Remove(six);
        }
        int last = Step(any4);
        foreach (int fd in open) s.Close(fd);
        return new ProbeCase
        {
            Probe = Name,
            Case = "reuseaddr-conflict-selftest-steps",
            Inputs = new Dictionary<string, string>
            {
                ["steps"] = $"SO_REUSEADDR and listen on each, port {port.ToString(CultureInfo.InvariantCulture)}: 127.0.0.1; 0.0.0.0; [::] v6only; 0.0.0.0; close [::]; 0.0.0.0",
                ["answers"] = string.Join(", ", errnos),
            },
            Outcome = last >= 0 ? ProbeCase.Ok : ProbeCase.Error,
            Errno = last >= 0 ? null : errnos[^1],
            Numbers = new Dictionary<string, double>
            {
                ["steps_ok"] = steps.Sum(),
                ["steps"] = steps.Count,
            },
            Values = steps,
        };
    }
}
