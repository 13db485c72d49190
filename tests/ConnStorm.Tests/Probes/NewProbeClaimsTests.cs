using ConnStorm.Probes;
using ConnStorm.Probes.Catalogue;
using ConnStorm.Results.Reductions;

namespace ConnStorm.Tests.Probes;

/// <summary>The claims of bind-sequences, held-ports, connect-cost and the v4-mapped cells, judged on hand-made cases: the verdict follows the cases.</summary>
public sealed class NewProbeClaimsTests
{
    private static ProbeCase Case(string probe, string name, string? errno, Dictionary<string, double> numbers, IReadOnlyList<long>? values = null) => new()
    {
        Probe = probe,
        Case = name,
        Outcome = errno is null ? ProbeCase.Ok : ProbeCase.Error,
        Errno = errno,
        Numbers = numbers,
        Values = values,
    };

    private static List<ProbeCase> Sequences(Func<BindSequenceProbe.Sequence, bool> thirdLetOn, Func<BindSequenceProbe.Sequence, bool> pairsLetOn) =>
        [.. BindSequenceProbe.All().Select(q => Case("bind-sequences", q.Name, thirdLetOn(q) ? null : "EADDRINUSE", new()
        {
            ["first_ok"] = 1, ["second_ok"] = 1, ["third_ok"] = thirdLetOn(q) ? 1 : 0,
            ["pair_first_ok"] = pairsLetOn(q) ? 1 : 0, ["pair_second_ok"] = pairsLetOn(q) ? 1 : 0,
        }))];

    [Fact]
    public void The_pairs_claim_holds_when_every_third_socket_answers_as_its_pairs()
    {
        var cases = Sequences(q => q.ThirdOptions.ReusePort, q => q.ThirdOptions.ReusePort);
        var claim = new BindSequenceProbe().Judge(cases).Single(c => c.Claim == BindSequenceProbe.PairsClaim);
        Assert.Equal(Verdict.Holds, claim.Verdict);
        Assert.Equal(cases.Count, claim.Cases.Count);
    }

    [Fact]
    public void The_pairs_claim_does_not_hold_when_a_third_socket_gets_on_though_a_pair_refuses_it()
    {
        // The bhash2 regression of 6.1: a plain 127.0.0.1 let on beside 0.0.0.0 and [::] bound with SO_REUSEADDR.
        var cases = Sequences(q => q.ThirdOptions.ReusePort || (q.Options == BindOptions.ReuseAddress && q.ThirdOptions == BindOptions.None), q => q.ThirdOptions.ReusePort);
        var claims = new BindSequenceProbe().Judge(cases).ToList();
        var pairs = claims.Single(c => c.Claim == BindSequenceProbe.PairsClaim);
        Assert.Equal(Verdict.DoesNotHold, pairs.Verdict);
        Assert.Contains("let on though its pairs say refused", pairs.Evidence);
        Assert.Equal(Verdict.DoesNotHold, claims.Single(c => c.Claim == BindSequenceProbe.WildcardPairClaim).Verdict);
    }

    private static List<ProbeCase> Held(Func<HeldPortsProbe.Holder, bool> took) =>
        [.. HeldPortsProbe.Holders.Select(h => Case("held-ports", h.Name, "EADDRNOTAVAIL", new()
        {
            ["holder_ok"] = 1, ["took_held"] = took(h) ? 1 : 0, ["connects_ok"] = took(h) ? 4 : 3,
        }))];

    [Fact]
    public void The_held_ports_claim_holds_when_only_connect_owned_ports_are_shared()
    {
        var claims = new HeldPortsProbe().Judge(Held(h => h.Address is null || h.ByConnect)).ToList();
        var claim = claims.Single(c => c.Claim == HeldPortsProbe.HeldClaim);
        Assert.Equal(Verdict.Holds, claim.Verdict);
        Assert.Equal(HeldPortsProbe.Holders.Count - 1, claim.Cases.Count);
        Assert.Equal(Verdict.Holds, claims.Single(c => c.Claim == HeldPortsProbe.ReleasedClaim).Verdict);
    }

    [Fact]
    public void The_held_ports_claim_does_not_hold_when_connect_takes_a_port_a_listener_holds()
    {
        var claim = new HeldPortsProbe().Judge(Held(h => h.Address is null || (h.ByConnect && !h.BindJoinsThenLeaves) || h.Name == "listener-other-address")).Single(c => c.Claim == HeldPortsProbe.HeldClaim);
        Assert.Equal(Verdict.DoesNotHold, claim.Verdict);
        Assert.Contains("a listener on 127.0.0.2:40501: 4 connects, port 40501 taken", claim.Evidence);
        // Before 6.18 a port bind() once joined stays bind()'s until it is empty: connect() leaves it alone.
        Assert.Equal(Verdict.DoesNotHold, new HeldPortsProbe().Judge(Held(h => h.Address is null || (h.ByConnect && !h.BindJoinsThenLeaves))).Single(c => c.Claim == HeldPortsProbe.ReleasedClaim).Verdict);
    }

    private static ProbeCase Cost(double at10, double p90, double at99) => Case("connect-cost", ConnectCost.Case, "EADDRNOTAVAIL", new()
    {
        ["range_size"] = 10000, ["connects_ok"] = 10000, ["passes"] = 2,
        [ConnectCost.CostKey(10)] = at10, ["cost_ns_10_p90"] = p90, [ConnectCost.CostKey(50)] = at10, [ConnectCost.CostKey(90)] = at99, [ConnectCost.CostKey(99)] = at99,
        [ConnectCost.RatioKey(50)] = 1, [ConnectCost.RatioKey(90)] = at99 / at10, [ConnectCost.RatioKey(99)] = at99 / at10,
    });

    [Fact]
    public void Connect_gets_slower_only_when_the_cost_at_99_percent_is_beyond_the_spread_at_10_percent()
    {
        Assert.Equal(Verdict.Holds, new ConnectCostProbe().Judge([Cost(13000, 14000, 330000)]).Single().Verdict);
        Assert.Equal(Verdict.DoesNotHold, new ConnectCostProbe().Judge([Cost(13000, 16000, 15000)]).Single().Verdict);
        Assert.Equal(Verdict.NotSettled, new ConnectCostProbe().Judge([]).Single().Verdict);
    }

    [Fact]
    public void A_mapped_address_claim_does_not_hold_when_one_cell_differs_from_its_twin()
    {
        var mapped = BindAddress.All.Single(a => a.Label == "[::ffff:0.0.0.0]");
        var twins = BindMatrixProbe.MappedTwins(mapped).ToList();
        var cases = twins.SelectMany(p => new[] { p.Cell, p.Twin }).Distinct()
            .Select(n => Case("bind-matrix", n, null, new() { ["first_ok"] = 1, ["listen_ok"] = 1 })).ToList();
        var holds = new BindMatrixProbe().Judge(cases).Single(c => c.Claim == BindMatrixProbe.MappedAnyClaim);
        Assert.Equal(Verdict.Holds, holds.Verdict);

        cases[0] = cases[0] with { Outcome = ProbeCase.Error, Errno = "EADDRINUSE", Numbers = new Dictionary<string, double> { ["first_ok"] = 1, ["listen_ok"] = -1 } };
        var differs = new BindMatrixProbe().Judge(cases).Single(c => c.Claim == BindMatrixProbe.MappedAnyClaim);
        Assert.Equal(Verdict.DoesNotHold, differs.Verdict);
        Assert.Contains("1 of 120 cells differ", differs.Evidence);
    }
}
