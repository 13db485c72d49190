using ConnStorm.Probes;
using ConnStorm.Probes.Catalogue;
using ConnStorm.Tests.EndToEnd;
using ConnStorm.Tests.TestSupport;

namespace ConnStorm.Tests.Probes;

/// <summary>timewait run for real through the CLI, checked against rules every Linux kernel keeps.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class TimeWaitProbeTests(TimeWaitRunFixture fixture) : IClassFixture<TimeWaitRunFixture>
{
    private readonly BindMatrixProbeRun _run = fixture.Run;

    [LabFact]
    public void TheProbe_FinishesWithoutError_InUnderFifteenSeconds()
    {
        var info = Assert.Single(_run.Doc.Probes);
        Assert.Null(info.Error);
        Assert.True(info.Seconds < 15, $"timewait took {info.Seconds} s");
    }

    [LabFact]
    public void ANormalClientFirstClose_LeavesATimeWait()
    {
        var c = _run.Case("normal-close-time-wait");
        Assert.Equal(0, c.Numbers["time_wait_before"]);
        Assert.Equal(1, c.Numbers["time_wait_after"]);
    }

    [LabFact]
    public void AnRstClose_LeavesNoTimeWait_AndThePeerSeesTheReset()
    {
        var c = _run.Case("linger-0-close-time-wait");
        Assert.Equal(0, c.Numbers["time_wait_after"]);
        Assert.Equal(1, c.Numbers["peer_saw_reset"]);
    }

    [LabFact]
    public void ARestartedServerWithoutSoReuseaddr_CannotBindOverItsTimeWait()
    {
        var c = _run.Case(TimeWaitProbe.RestartName(false, false));
        Assert.Equal(1, c.Numbers["time_wait_seen"]);
        Assert.Equal("EADDRINUSE", c.Errno);
    }

    [LabFact]
    public void ARestartOnTheWildcard_LeavesATimeWait_AndMeetsItAsARestartOn127001Does()
    {
        // A TIME_WAIT conflicts in bind() by address overlap like any socket: 0.0.0.0 overlaps the 127.0.0.1 it holds.
        foreach (bool oldReuse in new[] { false, true })
        {
            foreach (bool newReuse in new[] { false, true })
            {
                var any = _run.Case(TimeWaitProbe.RestartAnyName(oldReuse, newReuse));
                var lo = _run.Case(TimeWaitProbe.RestartName(oldReuse, newReuse));
                Assert.Equal(1, any.Numbers["time_wait_seen"]);
                Assert.True(any.Said() == lo.Said(), $"{any.Case}: {any.Said()}; {lo.Case}: {lo.Said()}");
            }
        }
    }

    [LabFact]
    public void ARangeFullOfTimeWait_RefusesConnectAtOnce_WithoutTwReuse()
    {
        var c = _run.Case(TimeWaitProbe.ExhaustionName(0));
        Assert.Equal(2, c.Numbers["time_wait_before"]);
        Assert.Equal(0, c.Numbers["ok_at_0"]);
        Assert.Equal(99, c.Numbers["errno_at_0"]);
    }

    [LabFact]
    public void EveryClaim_HasAVerdict_AndNamesCasesOfThisRun()
    {
        var ids = _run.Doc.Cases.Select(c => c.Id).ToHashSet();
        Assert.Equal(6, _run.Doc.Claims.Count);
        foreach (var claim in _run.Doc.Claims)
        {
            Assert.True(claim.Verdict is Verdict.Holds or Verdict.DoesNotHold or Verdict.NotSettled || claim.Verdict.StartsWith("holds only when ", StringComparison.Ordinal), $"{claim.Claim}: {claim.Verdict}");
            Assert.All(claim.Cases, id => Assert.Contains(id, ids));
        }
    }

    [LabFact]
    public void TheRun_LeavesNoNamespaceOrProbeProcessBehind() => _run.AssertNothingLeftBehind();
}
