using ConnStorm.Probes;
using ConnStorm.Probes.Catalogue;
using ConnStorm.Tests.EndToEnd;
using ConnStorm.Tests.TestSupport;

namespace ConnStorm.Tests.Probes;

/// <summary>bind-matrix run for real through the CLI, checked against rules every Linux kernel keeps.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class BindMatrixProbeTests(BindMatrixRunFixture fixture) : IClassFixture<BindMatrixRunFixture>
{
    private readonly BindMatrixProbeRun _run = fixture.Run;

    [LabFact]
    public void TheProbe_RunsEveryCellWithoutError_InAFewSeconds()
    {
        var info = Assert.Single(_run.Doc.Probes);
        Assert.Null(info.Error);
        Assert.True(info.Seconds < 15, $"bind-matrix took {info.Seconds} s");
        Assert.Equal(BindAddress.All.Count * BindAddress.All.Count * BindOptions.All.Count * 2 + 6, _run.Doc.Cases.Count);
    }

    [LabFact]
    public void TwoPlainListenersOnOneAddress_TheSecondBindFailsWithEaddrinuse()
    {
        foreach (var address in BindAddress.All)
        {
            var c = _run.Case(BindMatrixProbe.CellName(BindMatrixProbe.Listening, address, address, BindOptions.None));
            Assert.Equal(1, c.Numbers["first_ok"]);
            Assert.True(c.Errno == "EADDRINUSE", $"{c.Case}: {c.Said()}");
        }
    }

    [LabFact]
    public void DifferentSpecificAddresses_NeverConflict_WhateverTheOptionsOrState()
    {
        var specific = BindAddress.All.Where(a => a.Label is "127.0.0.1" or "127.0.0.2" or "[::1]").ToList();
        foreach (string state in new[] { BindMatrixProbe.Bound, BindMatrixProbe.Listening })
        {
            foreach (var first in specific)
            {
                foreach (var second in specific.Where(s => s != first))
                {
                    foreach (var options in BindOptions.All)
                    {
                        var c = _run.Case(BindMatrixProbe.CellName(state, first, second, options));
                        Assert.True(c.Outcome == ProbeCase.Ok && c.Numbers["listen_ok"] == 1, $"{c.Case}: {c.Said()}, listen_ok {c.Numbers["listen_ok"]}");
                    }
                }
            }
        }
    }

    [LabFact]
    public void TcpAndUdpOnOnePort_BothBind_InEitherOrder()
    {
        Assert.Equal(ProbeCase.Ok, _run.Case("tcp-then-udp-same-port").Outcome);
        Assert.Equal(ProbeCase.Ok, _run.Case("udp-then-tcp-same-port").Outcome);
    }

    [LabFact]
    public void EveryClaim_HasAVerdictWord_AndNamesCasesOfThisRun()
    {
        var ids = _run.Doc.Cases.Select(c => c.Id).ToHashSet();
        Assert.Equal(9, _run.Doc.Claims.Count);
        foreach (var claim in _run.Doc.Claims)
        {
            Assert.True(claim.Verdict is Verdict.Holds or Verdict.DoesNotHold || claim.Verdict.StartsWith("holds only when ", StringComparison.Ordinal), $"{claim.Claim}: {claim.Verdict}");
            Assert.All(claim.Cases, id => Assert.Contains(id, ids));
        }
    }

    [LabFact]
    public void TheRun_LeavesNoNamespaceOrProbeProcessBehind() => _run.AssertNothingLeftBehind();

    [LabFact]
    public void AV4MappedAddress_ConflictsAsTheIPv4AddressItMaps_InEveryCell()
    {
        foreach (var mapped in BindAddress.All.Where(a => a.IsMapped))
        {
            foreach (var (cell, twin) in BindMatrixProbe.MappedTwins(mapped))
            {
                var c = _run.Case(cell);
                var t = _run.Case(twin);
                Assert.True(BindMatrixProbe.Describe(c) == BindMatrixProbe.Describe(t), $"{cell}: {BindMatrixProbe.Describe(c)}; {twin}: {BindMatrixProbe.Describe(t)}");
            }
        }
    }

    /// <summary>"ok" from the replay is a second socket that bound and listened.</summary>
    internal static string AsCell(string replayed) => replayed switch
    {
        "ok" => "bind ok, listen ok",
        var r when r.StartsWith("listen ", StringComparison.Ordinal) => "bind ok, " + r,
        var r => r,
    };

    [LabFact]
    public void EveryCellWithAV4MappedAddress_IsAnsweredAlike_WhenMadeAgainThroughDotNetSockets()
    {
        int replayed = 0;
        foreach (string state in new[] { BindMatrixProbe.Bound, BindMatrixProbe.Listening })
        {
            foreach (var first in BindAddress.All)
            {
                foreach (var second in BindAddress.All.Where(b => b.IsMapped || first.IsMapped))
                {
                    foreach (var options in BindOptions.All)
                    {
                        var c = _run.Case(BindMatrixProbe.CellName(state, first, second, options));
                        var answers = BindReplay.Run(
                        [
                            new(first.Address, first.V6Only, options.ReuseAddr, options.ReusePort, state == BindMatrixProbe.Listening),
                            new(second.Address, second.V6Only, options.ReuseAddr, options.ReusePort, true),
                        ]);
                        Assert.True(answers[0] == "ok", $"{c.Case}: the first socket, made again: {answers[0]}");
                        Assert.True(AsCell(answers[1]) == BindMatrixProbe.Describe(c), $"{c.Case}: probe {BindMatrixProbe.Describe(c)}, System.Net.Sockets {AsCell(answers[1])}");
                        replayed++;
                    }
                }
            }
        }
        int all = BindAddress.All.Count, plain = BindAddress.All.Count(a => !a.IsMapped);
        Assert.Equal((all * all - plain * plain) * BindOptions.All.Count * 2, replayed);
    }
}
