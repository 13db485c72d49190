using ConnStorm.Sockets;

namespace ConnStorm.Probes.Catalogue;

internal sealed partial class TimeWaitProbe
{
    public const string RestartClaim = "A restarted server fails with Address already in use while its old connections sit in TIME_WAIT, and SO_REUSEADDR before bind() avoids that";
    public const string RestartAnyClaim = "A restarted server bound to 0.0.0.0 meets the TIME_WAIT of its old connections (on 127.0.0.1) as one bound to 127.0.0.1 does";
    public const string TwReuseClaim = "tcp_tw_reuse lets connect() reuse a TIME_WAIT 4-tuple older than one second";
    public const string ServerSideClaim = "tcp_tw_reuse has no effect on the server side";
    public const string LingerClaim = "Closing with SO_LINGER 0 sends RST and leaves no TIME_WAIT";
    public const string SameDestinationClaim = "Too many client TIME_WAIT sockets exhaust ports only towards the same destination";

    public IEnumerable<ProbeClaim> Judge(IReadOnlyList<ProbeCase> cases)
    {
        yield return Restart(cases);
        yield return RestartAny(cases);
        yield return TwReuseConnect(cases);
        yield return ServerSide(cases);
        yield return Linger(cases);
        yield return SameDestination(cases);
    }

    private string Id(string caseName) => $"{Name}/{caseName}";

    private static bool Seen(ProbeCase c) => c.Numbers.GetValueOrDefault("time_wait_seen") == 1;

    private static string Opt(bool reuse) => reuse ? "SO_REUSEADDR" : "none";

    private ProbeClaim Restart(IReadOnlyList<ProbeCase> cases)
    {
        var combos = (from o in new[] { false, true } from n in new[] { false, true } select (Old: o, New: n, Case: cases.Find(RestartName(o, n)))).ToList();
        if (combos.Any(c => c.Case is null)) return Verdict.Missing(RestartClaim, [.. combos.Select(c => Id(RestartName(c.Old, c.New)))]);
        string evidence = "new bind of 127.0.0.1:P over the server-side TIME_WAIT, " +
            string.Join("; ", combos.Select(c => $"old {Opt(c.Old)} / new {Opt(c.New)}: {c.Case!.Said()}"));
        string[] ids = [.. combos.Select(c => c.Case!.Id)];
        var plain = combos[0].Case!;
        bool newOnly = combos[1].Case!.Outcome == ProbeCase.Ok, both = combos[3].Case!.Outcome == ProbeCase.Ok;
        string verdict = !combos.All(c => Seen(c.Case!)) ? Verdict.NotSettled
            : plain.Outcome == ProbeCase.Ok || plain.Errno != Errno.Name(Errno.EADDRINUSE) ? Verdict.DoesNotHold
            : newOnly && both ? Verdict.Holds
            : both ? Verdict.HoldsOnlyWhen("the old server had set SO_REUSEADDR too (its TIME_WAIT keeps the option); on the new socket alone it does not help")
            : newOnly ? Verdict.HoldsOnlyWhen("the old server had not set SO_REUSEADDR")
            : Verdict.DoesNotHold;
        if (verdict == Verdict.NotSettled) evidence += " (no TIME_WAIT appeared on the server side in every case)";
        return new ProbeClaim(RestartClaim, verdict, evidence, ids);
    }

    private ProbeClaim RestartAny(IReadOnlyList<ProbeCase> cases)
    {
        var combos = (from o in new[] { false, true } from n in new[] { false, true }
                      select (Old: o, New: n, Any: cases.Find(RestartAnyName(o, n)), Lo: cases.Find(RestartName(o, n)))).ToList();
        if (combos.Any(c => c.Any is null || c.Lo is null))
        {
            return Verdict.Missing(RestartAnyClaim, [.. combos.SelectMany(c => new[] { Id(RestartAnyName(c.Old, c.New)), Id(RestartName(c.Old, c.New)) })]);
        }
        string evidence = "new bind over the server-side TIME_WAIT, on 0.0.0.0:P against 127.0.0.1:P: " +
            string.Join("; ", combos.Select(c => $"old {Opt(c.Old)} / new {Opt(c.New)}: {c.Any!.Said()} against {c.Lo!.Said()}"));
        bool seen = combos.All(c => Seen(c.Any!) && Seen(c.Lo!));
        bool same = combos.All(c => c.Any!.Said() == c.Lo!.Said());
        string verdict = !seen ? Verdict.NotSettled : same ? Verdict.Holds : Verdict.DoesNotHold;
        if (!seen) evidence += " (no TIME_WAIT appeared on the server side in every case)";
        return new ProbeClaim(RestartAnyClaim, verdict, evidence, [.. combos.SelectMany(c => new[] { c.Any!.Id, c.Lo!.Id })]);
    }

    private static string Timeline(ProbeCase c) => string.Join(", ", Attempts.Select(a =>
        $"{c.Numbers.GetValueOrDefault("t_" + a.Key):0.0#} s {(c.Numbers.GetValueOrDefault("ok_" + a.Key) == 1 ? "ok" : Errno.Name((int)c.Numbers.GetValueOrDefault("errno_" + a.Key)))}"));

    private ProbeClaim TwReuseConnect(IReadOnlyList<ProbeCase> cases)
    {
        var off = cases.Find(ExhaustionName(0));
        var on = cases.Find(ExhaustionName(1));
        var loopback = cases.Find(ExhaustionName(2));
        if (off is null || on is null) return Verdict.Missing(TwReuseClaim, Id(ExhaustionName(0)), Id(ExhaustionName(1)));
        string evidence = $"2-port range full of client TIME_WAIT, connect() again: tcp_tw_reuse 0: {Timeline(off)}; 1: {Timeline(on)}"
            + (loopback is null ? "" : $"; 2 (loopback only): {Timeline(loopback)}");
        string[] ids = loopback is null ? [off.Id, on.Id] : [off.Id, on.Id, loopback.Id];
        bool Ok(ProbeCase c, string key) => c.Numbers.GetValueOrDefault("ok_" + key) == 1;
        bool filled = new[] { off, on }.All(c => c.Numbers.GetValueOrDefault("time_wait_before") >= RangeSize) && !Ok(off, "at_0");
        string verdict = !filled ? Verdict.NotSettled
            : Attempts.Any(a => Ok(off, a.Key) && Ok(on, a.Key)) && Attempts.All(a => Ok(off, a.Key) == Ok(on, a.Key)) ? Verdict.NotSettled
            : Ok(on, "at_0") ? Verdict.DoesNotHold
            : Ok(on, "at_1_1s") ? Verdict.Holds
            : Ok(on, "at_2_1s") ? Verdict.HoldsOnlyWhen("the TIME_WAIT is about two seconds old (at 1.1 s connect() still failed)")
            : Verdict.DoesNotHold;
        if (!filled) evidence += " (the range was not full of TIME_WAIT, or connect() succeeded at once with tcp_tw_reuse 0)";
        return new ProbeClaim(TwReuseClaim, verdict, evidence, ids);
    }

    private ProbeClaim ServerSide(IReadOnlyList<ProbeCase> cases)
    {
        var off = cases.Find(RestartTwReuseName(0));
        var on = cases.Find(RestartTwReuseName(1));
        if (off is null || on is null) return Verdict.Missing(ServerSideClaim, Id(RestartTwReuseName(0)), Id(RestartTwReuseName(1)));
        string verdict = !Seen(off) || !Seen(on) ? Verdict.NotSettled
            : off.Outcome == on.Outcome && off.Errno == on.Errno ? Verdict.Holds
            : Verdict.DoesNotHold;
        return new ProbeClaim(ServerSideClaim, verdict,
            $"a restarted server (no SO_REUSEADDR on either socket) binding over its own TIME_WAIT: tcp_tw_reuse 0: {off.Said()}; tcp_tw_reuse 1: {on.Said()}",
            [off.Id, on.Id]);
    }

    private ProbeClaim Linger(IReadOnlyList<ProbeCase> cases)
    {
        var normal = cases.Find("normal-close-time-wait");
        var rst = cases.Find("linger-0-close-time-wait");
        if (normal is null || rst is null) return Verdict.Missing(LingerClaim, Id("normal-close-time-wait"), Id("linger-0-close-time-wait"));
        double normalTw = normal.Numbers.GetValueOrDefault("time_wait_after"), rstTw = rst.Numbers.GetValueOrDefault("time_wait_after");
        bool reset = rst.Numbers.GetValueOrDefault("peer_saw_reset") == 1;
        int peerErrno = (int)rst.Numbers.GetValueOrDefault("peer_read_errno");
        string verdict = normalTw < 1 ? Verdict.NotSettled
            : rstTw > 0 ? Verdict.DoesNotHold
            : reset ? Verdict.Holds
            : Verdict.NotSettled;
        return new ProbeClaim(LingerClaim, verdict,
            $"TIME_WAIT sockets of the connection after a normal client-first close: {normalTw}; after SO_LINGER {{1,0}} and close(): {rstTw}; the peer's read() then got {(peerErrno == 0 ? "no error" : Errno.Name(peerErrno))}",
            [normal.Id, rst.Id]);
    }

    private ProbeClaim SameDestination(IReadOnlyList<ProbeCase> cases)
    {
        var full = cases.Find(ExhaustionName(0));
        var other = cases.Find(OtherDestinationName);
        if (full is null || other is null) return Verdict.Missing(SameDestinationClaim, Id(ExhaustionName(0)), Id(OtherDestinationName));
        bool exhausted = full.Numbers.GetValueOrDefault("ok_at_0") == 0;
        string verdict = !exhausted ? Verdict.NotSettled : other.Outcome == ProbeCase.Ok ? Verdict.Holds : Verdict.DoesNotHold;
        return new ProbeClaim(SameDestinationClaim, verdict,
            $"with both ports of a 2-port range in TIME_WAIT towards one destination (tcp_tw_reuse 0), connect() to it: {(exhausted ? Errno.Name((int)full.Numbers.GetValueOrDefault("errno_at_0")) : "ok")}; at the same moment to another destination: {other.Said()}",
            [full.Id, other.Id]);
    }
}
