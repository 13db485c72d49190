using ConnStorm.Sockets;

namespace ConnStorm.Probes.Catalogue;

internal sealed partial class BindMatrixProbe
{
    public const string TcpUdpClaim = "TCP and UDP can bind the same port at the same time";
    public const string SameIpClaim = "Two TCP servers cannot bind the same IP and port; with different IPs they can";
    public const string WildcardBlocksClaim = "A server bound to 0.0.0.0:P blocks another server from binding a specific IP at P";
    public const string ReuseAddrFixClaim = "SO_REUSEADDR lets a second server bind a specific address while another listens on 0.0.0.0 at the same port";
    public const string ReusePortClaim = "SO_REUSEPORT lets several processes listen on the same IP and port";
    public const string DualStackClaim = "[::]:P without IPV6_V6ONLY also covers IPv4";
    public const string MappedAnyClaim = "[::ffff:0.0.0.0] (v4-mapped, on a dual-stack IPv6 socket) conflicts in bind() exactly as 0.0.0.0 does";
    public const string MappedLoopbackClaim = "[::ffff:127.0.0.1] (v4-mapped, on a dual-stack IPv6 socket) conflicts in bind() exactly as 127.0.0.1 does";
    public const string ClientOnListeningPortClaim = "If a port is listening with SO_REUSEADDR, a client socket that also sets SO_REUSEADDR can bind that same port for an outgoing connection";

    private static readonly BindAddress Any4 = BindAddress.All[0], Lo1 = BindAddress.All[1], Lo2 = BindAddress.All[2], Any6 = BindAddress.All[3], Any6Only = BindAddress.All[4];

    public IEnumerable<ProbeClaim> Judge(IReadOnlyList<ProbeCase> cases)
    {
        yield return TcpUdp(cases);
        yield return SameIp(cases);
        yield return WildcardBlocks(cases);
        yield return ReuseAddrFix(cases);
        yield return ReusePort(cases);
        yield return DualStack(cases);
        yield return ClientOnListeningPort(cases);
        foreach (var mapped in BindAddress.All.Where(a => a.IsMapped))
        {
            yield return Mapped(cases, mapped);
        }
    }

    /// <summary>A second server came up: its bind and its listen both succeeded.</summary>
    private static bool SecondServer(ProbeCase c) => c.Outcome == ProbeCase.Ok && c.Numbers.GetValueOrDefault("listen_ok") == 1;

    /// <summary>"bind EADDRINUSE", "bind ok, listen EADDRINUSE", "bind ok, listen ok".</summary>
    internal static string Describe(ProbeCase c)
    {
        if (c.Outcome != ProbeCase.Ok) return $"bind {c.Said()}";
        double listen = c.Numbers.GetValueOrDefault("listen_ok", -1);
        return listen switch
        {
            1 => "bind ok, listen ok",
            0 => $"bind ok, listen {Errno.Name((int)c.Numbers.GetValueOrDefault("listen_errno"))}",
            _ => "bind ok",
        };
    }

    private string Id(string caseName) => $"{Name}/{caseName}";

    private ProbeClaim TcpUdp(IReadOnlyList<ProbeCase> cases)
    {
        var tu = cases.Find("tcp-then-udp-same-port");
        var ut = cases.Find("udp-then-tcp-same-port");
        var uu = cases.Find("udp-then-udp-same-port");
        if (tu is null || ut is null) return Verdict.Missing(TcpUdpClaim, Id("tcp-then-udp-same-port"), Id("udp-then-tcp-same-port"));
        bool a = tu.Outcome == ProbeCase.Ok, b = ut.Outcome == ProbeCase.Ok;
        string verdict = a && b ? Verdict.Holds
            : a ? Verdict.HoldsOnlyWhen("TCP binds first")
            : b ? Verdict.HoldsOnlyWhen("UDP binds first")
            : Verdict.DoesNotHold;
        string contrast = uu is null ? "" : $"; for contrast a second plain UDP socket on one port: bind {uu.Said()}";
        return new ProbeClaim(TcpUdpClaim, verdict,
            $"UDP bind on the port of a TCP listener (0.0.0.0): {tu.Said()}; TCP bind after UDP: {Describe(ut)}{contrast}",
            uu is null ? [tu.Id, ut.Id] : [tu.Id, ut.Id, uu.Id]);
    }

    /// <summary>Which option sets let two servers up on first:P and second:P (listening cells).</summary>
    private List<(BindOptions Options, ProbeCase Case)> Row(IReadOnlyList<ProbeCase> cases, BindAddress first, BindAddress second) =>
        BindOptions.All
            .Select(o => (o, cases.Find(CellName(Listening, first, second, o))))
            .Where(p => p.Item2 is not null)
            .Select(p => (p.o, p.Item2!))
            .ToList();

    private static string RowEvidence(List<(BindOptions Options, ProbeCase Case)> row) =>
        string.Join("; ", row.Select(r => $"{r.Options.Describe}: {Describe(r.Case)}"));

    /// <summary>Holds if no option set let a second server up; else holds only without those options.</summary>
    private static string BlockedUnless(List<(BindOptions Options, ProbeCase Case)> row)
    {
        var through = row.Where(r => SecondServer(r.Case)).Select(r => r.Options).ToList();
        if (through.Count == 0) return Verdict.Holds;
        // Name the one option behind every way through when there is one (on 6.18: SO_REUSEPORT).
        var rest = row.Select(r => r.Options).Except(through).ToList();
        if (through.All(o => o.ReusePort) && rest.All(o => !o.ReusePort)) return Verdict.HoldsOnlyWhen("SO_REUSEPORT is not set on both sockets");
        if (through.All(o => o.ReuseAddr) && rest.All(o => !o.ReuseAddr)) return Verdict.HoldsOnlyWhen("SO_REUSEADDR is not set on both sockets");
        return Verdict.HoldsOnlyWhen($"the options are none of: {string.Join("; ", through.Select(o => o.Describe))}");
    }

    private ProbeClaim SameIp(IReadOnlyList<ProbeCase> cases)
    {
        string sameName = CellName(Listening, Lo1, Lo1, BindOptions.None), diffName = CellName(Listening, Lo1, Lo2, BindOptions.None);
        var same = cases.Find(sameName);
        var diff = cases.Find(diffName);
        if (same is null || diff is null) return Verdict.Missing(SameIpClaim, Id(sameName), Id(diffName));
        var row = Row(cases, Lo1, Lo1);
        string verdict = SecondServer(same) || !SecondServer(diff) ? Verdict.DoesNotHold : BlockedUnless(row);
        return new ProbeClaim(SameIpClaim, verdict,
            $"a second server on 127.0.0.1:P while one listens there, {RowEvidence(row)}. On 127.0.0.2:P instead, neither option: {Describe(diff)}",
            [.. row.Select(r => r.Case.Id), diff.Id]);
    }

    private ProbeClaim WildcardBlocks(IReadOnlyList<ProbeCase> cases)
    {
        string name = CellName(Listening, Any4, Lo1, BindOptions.None);
        var plain = cases.Find(name);
        if (plain is null) return Verdict.Missing(WildcardBlocksClaim, Id(name));
        var row = Row(cases, Any4, Lo1);
        string verdict = SecondServer(plain) ? Verdict.DoesNotHold : BlockedUnless(row);
        var bound = cases.Find(CellName(Bound, Any4, Lo1, BindOptions.None));
        string boundNote = bound is null ? "" : $". If 0.0.0.0:P is only bound, not listening (neither option): {Describe(bound)}";
        return new ProbeClaim(WildcardBlocksClaim, verdict,
            $"127.0.0.1:P while 0.0.0.0:P listens, {RowEvidence(row)}{boundNote}",
            [.. row.Select(r => r.Case.Id)]);
    }

    private ProbeClaim ReuseAddrFix(IReadOnlyList<ProbeCase> cases)
    {
        string name = CellName(Listening, Any4, Lo1, BindOptions.ReuseAddress);
        var fix = cases.Find(name);
        if (fix is null) return Verdict.Missing(ReuseAddrFixClaim, Id(name));
        var bound = cases.Find(CellName(Bound, Any4, Lo1, BindOptions.ReuseAddress));
        string boundNote = bound is null ? "" : $"; if 0.0.0.0:P is only bound, not yet listening: {Describe(bound)}";
        return new ProbeClaim(ReuseAddrFixClaim, SecondServer(fix) ? Verdict.Holds : Verdict.DoesNotHold,
            $"127.0.0.1:P with SO_REUSEADDR on both while 0.0.0.0:P listens: {Describe(fix)}{boundNote}",
            bound is null ? [fix.Id] : [fix.Id, bound.Id]);
    }

    private ProbeClaim ReusePort(IReadOnlyList<ProbeCase> cases)
    {
        string name = CellName(Listening, Lo1, Lo1, BindOptions.ReusePortOnly);
        var c = cases.Find(name);
        if (c is null) return Verdict.Missing(ReusePortClaim, Id(name));
        var spread = cases.Find("reuseport-two-listeners-spread");
        string spreadNote = spread is null || spread.Outcome != ProbeCase.Observed ? "" :
            $"; {spread.Numbers.GetValueOrDefault("connected")} connections were accepted {spread.Numbers.GetValueOrDefault("accepted_first")} by one listener and {spread.Numbers.GetValueOrDefault("accepted_second")} by the other";
        return new ProbeClaim(ReusePortClaim, SecondServer(c) ? Verdict.Holds : Verdict.DoesNotHold,
            $"a second listener on 127.0.0.1:P with SO_REUSEPORT on both: {Describe(c)} (both sockets in one process here; the kernel requires the same effective uid, not the same process){spreadNote}",
            spread is null ? [c.Id] : [c.Id, spread.Id]);
    }

    private ProbeClaim DualStack(IReadOnlyList<ProbeCase> cases)
    {
        string v4Name = CellName(Listening, Any6, Any4, BindOptions.None), loName = CellName(Listening, Any6, Lo1, BindOptions.None);
        const string ConnectName = "ipv4-client-to-[::]-listener";
        var v4 = cases.Find(v4Name);
        var lo = cases.Find(loName);
        var connect = cases.Find(ConnectName);
        if (v4 is null || lo is null || connect is null) return Verdict.Missing(DualStackClaim, Id(v4Name), Id(loName), Id(ConnectName));
        bool covers = !SecondServer(v4) && !SecondServer(lo) && v4.Outcome != ProbeCase.Ok && connect.Outcome == ProbeCase.Ok;
        var v6only = cases.Find(CellName(Listening, Any6Only, Any4, BindOptions.None));
        var v6onlyConnect = cases.Find("ipv4-client-to-[::]v6only-listener");
        string contrast = (v6only is null ? "" : $"; with IPV6_V6ONLY 1, 0.0.0.0:P: {Describe(v6only)}")
            + (v6onlyConnect is null ? "" : $", an IPv4 client connecting: {v6onlyConnect.Said()}");
        return new ProbeClaim(DualStackClaim, covers ? Verdict.Holds : Verdict.DoesNotHold,
            $"while [::]:P (IPV6_V6ONLY 0) listens: 0.0.0.0:P {Describe(v4)}, 127.0.0.1:P {Describe(lo)}; an IPv4 client connecting to 127.0.0.1:P: {connect.Said()}{contrast}",
            [.. new[] { v4, lo, connect, v6only, v6onlyConnect }.OfType<ProbeCase>().Select(x => x.Id)]);
    }

    private ProbeClaim ClientOnListeningPort(IReadOnlyList<ProbeCase> cases)
    {
        string name = CellName(Listening, Lo1, Lo1, BindOptions.ReuseAddress);
        var c = cases.Find(name);
        if (c is null) return Verdict.Missing(ClientOnListeningPortClaim, Id(name));
        return new ProbeClaim(ClientOnListeningPortClaim, c.Outcome == ProbeCase.Ok ? Verdict.Holds : Verdict.DoesNotHold,
            $"a second socket with SO_REUSEADDR binding 127.0.0.1:P while a SO_REUSEADDR listener holds it: bind {c.Said()}",
            [c.Id]);
    }

    /// <summary>
    /// The cells where one socket binds <paramref name="mapped"/> and the other any address of the
    /// matrix (both orders, every option set, bound and listening), each with its twin: the same
    /// cell with the IPv4 address the mapped one stands for. Holds when every pair reads alike.
    /// </summary>
    internal static IEnumerable<(string Cell, string Twin)> MappedTwins(BindAddress mapped)
    {
        var plain = mapped.Unmapped!;
        foreach (string state in new[] { Bound, Listening })
        {
            foreach (var other in BindAddress.All)
            {
                foreach (var options in BindOptions.All)
                {
                    yield return (CellName(state, mapped, other, options), CellName(state, plain, other, options));
                    if (other != mapped)
                    {
                        yield return (CellName(state, other, mapped, options), CellName(state, other, plain, options));
                    }
                }
            }
        }
    }

    private ProbeClaim Mapped(IReadOnlyList<ProbeCase> cases, BindAddress mapped)
    {
        string claim = mapped.Unmapped!.Label == "0.0.0.0" ? MappedAnyClaim : MappedLoopbackClaim;
        var pairs = MappedTwins(mapped).Select(p => (Cell: cases.Find(p.Cell), Twin: cases.Find(p.Twin))).ToList();
        var missing = MappedTwins(mapped).Where(p => cases.Find(p.Cell) is null || cases.Find(p.Twin) is null).Select(p => Id(p.Cell)).ToList();
        if (missing.Count > 0) return Verdict.Missing(claim, [.. missing.Take(4)]);
        var differ = pairs.Where(p => Describe(p.Cell!) != Describe(p.Twin!)).ToList();
        int conflicts = pairs.Count(p => p.Cell!.Outcome != ProbeCase.Ok || p.Cell.Numbers.GetValueOrDefault("listen_ok") == 0);
        string evidence = differ.Count == 0
            ? $"{pairs.Count} cells ({mapped.Label} against every address of the matrix, both orders, every option set, first socket bound or listening) each read as its twin with {mapped.Unmapped.Label}; {conflicts} of them refuse the second socket"
            : $"{differ.Count} of {pairs.Count} cells differ from their twin with {mapped.Unmapped.Label}: "
                + string.Join("; ", differ.Take(6).Select(d => $"{d.Cell!.Case}: {Describe(d.Cell)}, with {mapped.Unmapped.Label}: {Describe(d.Twin!)}"))
                + (differ.Count > 6 ? $"; and {differ.Count - 6} more" : "");
        return new ProbeClaim(claim, differ.Count == 0 ? Verdict.Holds : Verdict.DoesNotHold, evidence,
            [.. pairs.SelectMany(p => new[] { p.Cell!.Id, p.Twin!.Id }).Distinct()]);
    }
}
