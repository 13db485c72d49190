using ConnStorm.Probes;
using ConnStorm.Probes.Catalogue;
using ConnStorm.Tests.EndToEnd;
using ConnStorm.Tests.TestSupport;

namespace ConnStorm.Tests.Probes;

/// <summary>bind-sequences run for real through the CLI; each sequence made again through System.Net.Sockets must get the same answers.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class BindSequenceProbeTests(BindSequencesRunFixture fixture) : IClassFixture<BindSequencesRunFixture>
{
    private readonly BindMatrixProbeRun _run = fixture.Run;

    private static BindReplay.Step Step(BindAddress a, BindOptions o, bool listen) => new(a.Address, a.V6Only, o.ReuseAddr, o.ReusePort, listen);

    [LabFact]
    public void TheProbe_RunsEverySequenceWithoutError()
    {
        var info = Assert.Single(_run.Doc.Probes);
        Assert.Null(info.Error);
        Assert.Equal(BindSequenceProbe.All().Count + 1, _run.Doc.Cases.Count);
    }

    [LabFact]
    public void EverySequence_MadeAgainThroughDotNetSockets_GetsTheSameAnswerAtEachStep()
    {
        foreach (var seq in BindSequenceProbe.All())
        {
            var c = _run.Case(seq.Name);
            var answers = BindReplay.Run([Step(seq.First, seq.Options, seq.Listening), Step(seq.Second, seq.Options, seq.Listening), Step(seq.Third, seq.ThirdOptions, true)]);
            Assert.True(answers[0] == "ok" && c.Numbers["first_ok"] == 1, $"{seq.Name}: first {answers[0]}");
            Assert.True((answers[1] == "ok") == (c.Numbers["second_ok"] == 1), $"{seq.Name}: second, probe ok={c.Numbers["second_ok"]}, System.Net.Sockets {answers[1]}");
            string probeThird = c.Numbers["third_ok"] == 1 ? "ok" : $"{(c.Numbers["third_failed_in_listen"] == 1 ? "listen" : "bind")} {c.Errno}";
            Assert.True(answers[2] == probeThird, $"{seq.Name}: third, probe {probeThird}, System.Net.Sockets {answers[2]}");
        }
    }

    [LabFact]
    public void ThePairsBesideEachSequence_AreAnsweredAlike_WhenMadeAgain()
    {
        foreach (var seq in BindSequenceProbe.All())
        {
            var c = _run.Case(seq.Name);
            var withFirst = BindReplay.Run([Step(seq.First, seq.Options, seq.Listening), Step(seq.Third, seq.ThirdOptions, true)]);
            var withSecond = BindReplay.Run([Step(seq.Second, seq.Options, seq.Listening), Step(seq.Third, seq.ThirdOptions, true)]);
            Assert.True((withFirst[1] == "ok") == (c.Numbers["pair_first_ok"] == 1), $"{seq.Name}: third against the first alone, System.Net.Sockets {withFirst[1]}");
            Assert.True((withSecond[1] == "ok") == (c.Numbers["pair_second_ok"] == 1), $"{seq.Name}: third against the second alone, System.Net.Sockets {withSecond[1]}");
        }
    }

    [LabFact]
    public void TheReuseaddrConflictSelftestSteps_AreAnsweredAlike_WhenMadeAgain()
    {
        var c = _run.Case("reuseaddr-conflict-selftest-steps");
        var lo = BindAddress.All.Single(a => a.Label == "127.0.0.1");
        var any4 = BindAddress.All.Single(a => a.Label == "0.0.0.0");
        var v6only = BindAddress.All.Single(a => a.Label == "[::]v6only");
        // The replay keeps [::] open throughout, so it checks the first four steps: the probe's last two come after [::] is closed.
        var answers = BindReplay.Run([Step(lo, BindOptions.ReuseAddress, true), Step(any4, BindOptions.ReuseAddress, true), Step(v6only, BindOptions.ReuseAddress, true), Step(any4, BindOptions.ReuseAddress, true)]);
        Assert.Equal(answers.Select(a => a == "ok" ? 1L : 0L), c.Values!.Take(4));
        Assert.Equal(5, c.Values!.Count);
    }

    [LabFact]
    public void EveryClaim_HasAVerdict_AndNamesCasesOfThisRun()
    {
        var ids = _run.Doc.Cases.Select(c => c.Id).ToHashSet();
        Assert.Equal(2, _run.Doc.Claims.Count);
        Assert.All(_run.Doc.Claims, claim => Assert.All(claim.Cases, id => Assert.Contains(id, ids)));
        Assert.All(_run.Doc.Claims, claim => Assert.NotEqual(Verdict.NotSettled, claim.Verdict));
    }

    [LabFact]
    public void TheRun_LeavesNoNamespaceOrProbeProcessBehind() => _run.AssertNothingLeftBehind();
}
