using ConnStorm.Probes;
using ConnStorm.Probes.Catalogue;

namespace ConnStorm.Tests.Probes;

/// <summary>bind-matrix claims judged on hand-made cases: the verdict follows the cases, nothing else.</summary>
public sealed class BindMatrixClaimsTests
{
    private static readonly BindAddress Any4 = BindAddress.All[0], Lo1 = BindAddress.All[1], Lo2 = BindAddress.All[2], Any6 = BindAddress.All[3];

    private static ProbeCase Cell(string state, BindAddress first, BindAddress second, BindOptions options, string? errno, int listenOk = 1) =>
        Case(BindMatrixProbe.CellName(state, first, second, options), errno, listenOk);

    private static ProbeCase Case(string name, string? errno, int listenOk = 1) => new()
    {
        Probe = "bind-matrix",
        Case = name,
        Outcome = errno is null ? ProbeCase.Ok : ProbeCase.Error,
        Errno = errno,
        Numbers = new Dictionary<string, double> { ["first_ok"] = 1, ["listen_ok"] = errno is null ? listenOk : -1, ["listen_errno"] = errno is null && listenOk == 0 ? 98 : 0 },
    };

    private static ProbeClaim Judge(string claim, params ProbeCase[] cases) =>
        new BindMatrixProbe().Judge(cases).Single(c => c.Claim == claim);

    [Fact]
    public void TcpAndUdpOnOnePort_Holds_WhenBothOrdersBind()
    {
        var v = Judge(BindMatrixProbe.TcpUdpClaim, Case("tcp-then-udp-same-port", null), Case("udp-then-tcp-same-port", null));
        Assert.Equal(Verdict.Holds, v.Verdict);
    }

    [Fact]
    public void TcpAndUdpOnOnePort_DoesNotHold_WhenNeitherOrderBinds()
    {
        var v = Judge(BindMatrixProbe.TcpUdpClaim, Case("tcp-then-udp-same-port", "EADDRINUSE"), Case("udp-then-tcp-same-port", "EADDRINUSE"));
        Assert.Equal(Verdict.DoesNotHold, v.Verdict);
        Assert.Contains("EADDRINUSE", v.Evidence);
    }

    [Fact]
    public void TcpAndUdpOnOnePort_IsNotSettled_WhenACaseIsMissing()
    {
        var v = Judge(BindMatrixProbe.TcpUdpClaim, Case("tcp-then-udp-same-port", null));
        Assert.Equal(Verdict.NotSettled, v.Verdict);
    }

    [Fact]
    public void TwoServersOnOneIp_HoldsOnlyWithoutSoReuseport_WhenOnlyReuseportLetsTheSecondListen()
    {
        var cases = new List<ProbeCase> { Cell(BindMatrixProbe.Listening, Lo1, Lo2, BindOptions.None, null) };
        foreach (var o in BindOptions.All)
        {
            cases.Add(Cell(BindMatrixProbe.Listening, Lo1, Lo1, o, o.ReusePort ? null : "EADDRINUSE"));
        }
        var v = Judge(BindMatrixProbe.SameIpClaim, [.. cases]);
        Assert.Equal(Verdict.HoldsOnlyWhen("SO_REUSEPORT is not set on both sockets"), v.Verdict);
    }

    [Fact]
    public void TwoServersOnOneIp_DoesNotHold_WhenAPlainSecondListenerComesUp()
    {
        var v = Judge(BindMatrixProbe.SameIpClaim,
            Cell(BindMatrixProbe.Listening, Lo1, Lo1, BindOptions.None, null),
            Cell(BindMatrixProbe.Listening, Lo1, Lo2, BindOptions.None, null));
        Assert.Equal(Verdict.DoesNotHold, v.Verdict);
    }

    [Fact]
    public void TheReuseaddrFix_DoesNotHold_WhenTheSecondBindFails()
    {
        var v = Judge(BindMatrixProbe.ReuseAddrFixClaim, Cell(BindMatrixProbe.Listening, Any4, Lo1, BindOptions.ReuseAddress, "EADDRINUSE"));
        Assert.Equal(Verdict.DoesNotHold, v.Verdict);
        Assert.Contains("bind EADDRINUSE", v.Evidence);
    }

    [Fact]
    public void TheReuseaddrFix_DoesNotHold_WhenTheSecondBindsButCannotListen()
    {
        var v = Judge(BindMatrixProbe.ReuseAddrFixClaim, Cell(BindMatrixProbe.Listening, Any4, Lo1, BindOptions.ReuseAddress, null, listenOk: 0));
        Assert.Equal(Verdict.DoesNotHold, v.Verdict);
        Assert.Contains("listen EADDRINUSE", v.Evidence);
    }

    [Fact]
    public void TheReuseaddrFix_Holds_WhenTheSecondBindsAndListens()
    {
        var v = Judge(BindMatrixProbe.ReuseAddrFixClaim, Cell(BindMatrixProbe.Listening, Any4, Lo1, BindOptions.ReuseAddress, null));
        Assert.Equal(Verdict.Holds, v.Verdict);
    }

    [Fact]
    public void TheReuseaddrFix_IsNotSettled_WhenItsCellIsMissing()
    {
        var v = Judge(BindMatrixProbe.ReuseAddrFixClaim, Cell(BindMatrixProbe.Bound, Any4, Lo1, BindOptions.ReuseAddress, null));
        Assert.Equal(Verdict.NotSettled, v.Verdict);
    }

    [Fact]
    public void SoReuseport_Holds_AndSaysTheListenersShareOneProcess()
    {
        var v = Judge(BindMatrixProbe.ReusePortClaim, Cell(BindMatrixProbe.Listening, Lo1, Lo1, BindOptions.ReusePortOnly, null));
        Assert.Equal(Verdict.Holds, v.Verdict);
        Assert.Contains("one process", v.Evidence);
    }

    [Fact]
    public void DualStack_Holds_WhenIPv4BindsConflictAndAnIPv4ClientConnects()
    {
        var v = Judge(BindMatrixProbe.DualStackClaim,
            Cell(BindMatrixProbe.Listening, Any6, Any4, BindOptions.None, "EADDRINUSE"),
            Cell(BindMatrixProbe.Listening, Any6, Lo1, BindOptions.None, "EADDRINUSE"),
            Case("ipv4-client-to-[::]-listener", null));
        Assert.Equal(Verdict.Holds, v.Verdict);
    }

    [Fact]
    public void DualStack_DoesNotHold_WhenAnIPv4ClientIsRefused()
    {
        var v = Judge(BindMatrixProbe.DualStackClaim,
            Cell(BindMatrixProbe.Listening, Any6, Any4, BindOptions.None, "EADDRINUSE"),
            Cell(BindMatrixProbe.Listening, Any6, Lo1, BindOptions.None, "EADDRINUSE"),
            Case("ipv4-client-to-[::]-listener", "ECONNREFUSED"));
        Assert.Equal(Verdict.DoesNotHold, v.Verdict);
    }

    [Fact]
    public void EveryClaim_IsNotSettled_OnARunWithNoCases()
    {
        Assert.All(new BindMatrixProbe().Judge([]), c => Assert.Equal(Verdict.NotSettled, c.Verdict));
    }
}
