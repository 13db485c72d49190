using System.Runtime.Versioning;
using static ConnStorm.Probes.ProbeSockets;

namespace ConnStorm.Probes.Catalogue;

/// <summary>
/// shared-port: bind-before-connect with SO_REUSEADDR on one explicit port, to two destinations
/// (one source port, two connections: the 4-tuples differ) and to one destination twice (the
/// same 4-tuple twice); and the same explicit port without SO_REUSEADDR.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class SharedPortProbe : IProbe, IProbeClaims
{
    public string Name => "shared-port";

    public string Description => "one explicit source port with SO_REUSEADDR: to two destinations, to one destination twice, and without SO_REUSEADDR";

    public IEnumerable<ProbeCase> Run(ProbeEnvironment env)
    {
        var s = new ProbeSockets(env);
        int portA = 0, portB = 0;
        s.Listener(Loopback, ref portA);
        s.Listener(Loopback, ref portB);

        yield return TwoConnects("reuseaddr-two-destinations", s, 50000, portA, portB, reuseAddr: true);
        yield return TwoConnects("reuseaddr-same-destination-twice", s, 50001, portA, portA, reuseAddr: true);
        yield return TwoConnects("plain-two-destinations", s, 50002, portA, portB, reuseAddr: false);
    }

    /// <summary>Two sockets bound to 127.0.0.1:sourcePort; the outcome is the second socket's (bind, then connect).</summary>
    private ProbeCase TwoConnects(string name, ProbeSockets s, int sourcePort, int first, int second, bool reuseAddr)
    {
        int a = s.Tcp(reuseAddr: reuseAddr), b = s.Tcp(reuseAddr: reuseAddr);
        int firstRc = Bind(a, Loopback, sourcePort);
        if (firstRc == 0) firstRc = Connect(a, Loopback, first);
        int bindRc = Bind(b, Loopback, sourcePort);
        int connectRc = bindRc == 0 ? Connect(b, Loopback, second) : bindRc;
        var (outcome, errno) = ProbeCase.FromReturn(connectRc);
        return new ProbeCase
        {
            Probe = Name,
            Case = name,
            Inputs = new Dictionary<string, string>
            {
                ["source"] = $"127.0.0.1:{sourcePort}",
                ["so_reuseaddr"] = reuseAddr ? "both sockets" : "neither",
                ["destinations"] = first == second ? $"127.0.0.1:{first} twice" : $"127.0.0.1:{first} and 127.0.0.1:{second}",
            },
            Outcome = outcome,
            Errno = errno,
            Numbers = new Dictionary<string, double>
            {
                ["first_connect_ok"] = firstRc == 0 ? 1 : 0,
                ["second_bind_ok"] = bindRc == 0 ? 1 : 0,
                ["second_connect_ok"] = connectRc == 0 ? 1 : 0,
                ["second_local_port"] = connectRc == 0 ? LocalPort(b) : 0,
            },
        };
    }


    public IEnumerable<ProbeClaim> Judge(IReadOnlyList<ProbeCase> cases)
    {
        var two = cases.Find("reuseaddr-two-destinations");
        var twice = cases.Find("reuseaddr-same-destination-twice");
        var plain = cases.Find("plain-two-destinations");
        const string Reuse = "A client cannot reuse a local port for a second connection";
        const string Share = "With bind-before-connect and SO_REUSEADDR, many connections can share one source port as long as their destinations differ";
        if (two is null || twice is null || plain is null)
        {
            yield return Verdict.Missing(Reuse, $"{Name}/reuseaddr-two-destinations");
            yield return Verdict.Missing(Share, $"{Name}/reuseaddr-same-destination-twice");
            yield break;
        }
        bool shared = two.Outcome == ProbeCase.Ok && two.Numbers.GetValueOrDefault("second_local_port") == 50000;
        yield return new ProbeClaim(Reuse,
            shared ? Verdict.DoesNotHold : Verdict.NotSettled,
            shared
                ? "measured on 127.0.0.1:50000 only, bound explicitly by two sockets that both set SO_REUSEADDR: both connected, to two destinations: one local port, two connections (their 4-tuples differ)"
                : $"the second connection from 127.0.0.1:50000 got {two.Said()}",
            [two.Id]);
        // If even the same destination twice connected, sharing is wider than claimed: still "can share".
        string verdict = shared ? Verdict.Holds : Verdict.DoesNotHold;
        yield return new ProbeClaim(Share, verdict,
            $"to two destinations: {two.Said()}; to the same destination twice: {twice.Said()}; without SO_REUSEADDR the second bind: {plain.Said()}",
            [two.Id, twice.Id, plain.Id]);
    }
}
