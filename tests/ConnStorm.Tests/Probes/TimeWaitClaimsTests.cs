using ConnStorm.Probes;
using ConnStorm.Probes.Catalogue;

namespace ConnStorm.Tests.Probes;

/// <summary>timewait claims judged on hand-made cases: the verdict follows the cases, nothing else.</summary>
public sealed class TimeWaitClaimsTests
{
    private static ProbeCase Case(string name, string? errno, Dictionary<string, double>? numbers = null) => new()
    {
        Probe = "timewait",
        Case = name,
        Outcome = errno is null ? ProbeCase.Ok : ProbeCase.Error,
        Errno = errno,
        Numbers = numbers ?? new Dictionary<string, double> { ["time_wait_seen"] = 1 },
    };

    private static ProbeCase Restart(bool oldReuse, bool newReuse, string? errno) => Case(TimeWaitProbe.RestartName(oldReuse, newReuse), errno);

    /// <summary>An exhaustion case: which of the three attempts connected.</summary>
    private static ProbeCase Exhaustion(int twReuse, bool at0, bool at1, bool at2)
    {
        var n = new Dictionary<string, double> { ["time_wait_before"] = 2, ["connections_made"] = 2 };
        foreach (var ((ms, key), ok) in TimeWaitProbe.Attempts.Zip(new[] { at0, at1, at2 }))
        {
            n["ok_" + key] = ok ? 1 : 0;
            n["errno_" + key] = ok ? 0 : 99;
            n["t_" + key] = ms / 1000.0;
        }
        return Case(TimeWaitProbe.ExhaustionName(twReuse), null, n) with { Outcome = ProbeCase.Observed };
    }

    private static ProbeClaim Judge(string claim, params ProbeCase[] cases) =>
        new TimeWaitProbe().Judge(cases).Single(c => c.Claim == claim);

    [Fact]
    public void TheRestartClaim_HoldsOnlyWhenBothSetSoReuseaddr_WhenOnlyThatCombinationBinds()
    {
        var v = Judge(TimeWaitProbe.RestartClaim,
            Restart(false, false, "EADDRINUSE"), Restart(false, true, "EADDRINUSE"), Restart(true, false, "EADDRINUSE"), Restart(true, true, null));
        Assert.StartsWith("holds only when the old server had set SO_REUSEADDR", v.Verdict, StringComparison.Ordinal);
        Assert.Contains("old SO_REUSEADDR / new SO_REUSEADDR: ok", v.Evidence);
    }

    [Fact]
    public void TheRestartClaim_Holds_WhenSoReuseaddrOnTheNewSocketAloneBinds()
    {
        var v = Judge(TimeWaitProbe.RestartClaim,
            Restart(false, false, "EADDRINUSE"), Restart(false, true, null), Restart(true, false, "EADDRINUSE"), Restart(true, true, null));
        Assert.Equal(Verdict.Holds, v.Verdict);
    }

    [Fact]
    public void TheRestartClaim_DoesNotHold_WhenAPlainRestartBinds()
    {
        var v = Judge(TimeWaitProbe.RestartClaim,
            Restart(false, false, null), Restart(false, true, null), Restart(true, false, null), Restart(true, true, null));
        Assert.Equal(Verdict.DoesNotHold, v.Verdict);
    }

    [Fact]
    public void TheRestartClaim_IsNotSettled_WhenACombinationIsMissing()
    {
        var v = Judge(TimeWaitProbe.RestartClaim, Restart(false, false, "EADDRINUSE"), Restart(true, true, null));
        Assert.Equal(Verdict.NotSettled, v.Verdict);
    }

    [Fact]
    public void TwReuse_Holds_WhenConnectSucceedsAtOnePointOneSecondsOnlyWithReuse()
    {
        var v = Judge(TimeWaitProbe.TwReuseClaim, Exhaustion(0, false, false, false), Exhaustion(1, false, true, true));
        Assert.Equal(Verdict.Holds, v.Verdict);
        Assert.Contains("1.1 s ok", v.Evidence);
    }

    [Fact]
    public void TwReuse_HoldsOnlyWhenAboutTwoSecondsOld_WhenOnlyTheLastAttemptSucceeds()
    {
        var v = Judge(TimeWaitProbe.TwReuseClaim, Exhaustion(0, false, false, false), Exhaustion(1, false, false, true));
        Assert.StartsWith("holds only when the TIME_WAIT is about two seconds old", v.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void TwReuse_DoesNotHold_WhenReuseNeverConnects()
    {
        var v = Judge(TimeWaitProbe.TwReuseClaim, Exhaustion(0, false, false, false), Exhaustion(1, false, false, false));
        Assert.Equal(Verdict.DoesNotHold, v.Verdict);
    }

    [Fact]
    public void TwReuse_IsNotSettled_WhenTheReuseOneCaseIsMissing()
    {
        var v = Judge(TimeWaitProbe.TwReuseClaim, Exhaustion(0, false, false, false));
        Assert.Equal(Verdict.NotSettled, v.Verdict);
    }

    [Fact]
    public void TheServerSideClaim_Holds_WhenBothValuesGiveTheSameBind_AndNotWhenTheyDiffer()
    {
        Assert.Equal(Verdict.Holds, Judge(TimeWaitProbe.ServerSideClaim,
            Case(TimeWaitProbe.RestartTwReuseName(0), "EADDRINUSE"), Case(TimeWaitProbe.RestartTwReuseName(1), "EADDRINUSE")).Verdict);
        Assert.Equal(Verdict.DoesNotHold, Judge(TimeWaitProbe.ServerSideClaim,
            Case(TimeWaitProbe.RestartTwReuseName(0), "EADDRINUSE"), Case(TimeWaitProbe.RestartTwReuseName(1), null)).Verdict);
    }

    [Fact]
    public void TheLingerClaim_Holds_WhenOnlyTheNormalCloseLeavesTimeWait_AndDoesNotWhenRstDoesToo()
    {
        var normal = Case("normal-close-time-wait", null, new() { ["time_wait_after"] = 1 });
        var rst = Case("linger-0-close-time-wait", null, new() { ["time_wait_after"] = 0, ["peer_saw_reset"] = 1, ["peer_read_errno"] = 104 });
        Assert.Equal(Verdict.Holds, Judge(TimeWaitProbe.LingerClaim, normal, rst).Verdict);
        var rstWithTw = rst with { Numbers = new Dictionary<string, double> { ["time_wait_after"] = 1, ["peer_saw_reset"] = 1 } };
        Assert.Equal(Verdict.DoesNotHold, Judge(TimeWaitProbe.LingerClaim, normal, rstWithTw).Verdict);
        Assert.Equal(Verdict.NotSettled, Judge(TimeWaitProbe.LingerClaim, normal).Verdict);
    }

    [Fact]
    public void TheSameDestinationClaim_Holds_WhenAnotherDestinationStillConnects()
    {
        var v = Judge(TimeWaitProbe.SameDestinationClaim, Exhaustion(0, false, false, false), Case(TimeWaitProbe.OtherDestinationName, null));
        Assert.Equal(Verdict.Holds, v.Verdict);
    }
}
