using System.Runtime.Versioning;

namespace ConnStorm.Probes.Catalogue;

/// <summary>The claims bind-sequences settles, from the cases of this run only.</summary>
[SupportedOSPlatform("linux")]
internal sealed partial class BindSequenceProbe
{
    public const string PairsClaim = "Whether bind() lets a socket onto a port follows from the sockets already there one at a time: a third socket is refused exactly when one of the two alone refuses it";
    public const string WildcardPairClaim = "With SO_REUSEADDR on both, 0.0.0.0 and [::] can be bound on one port at once, and a plain bind of a loopback address there is then refused";

    public IEnumerable<ProbeClaim> Judge(IReadOnlyList<ProbeCase> cases)
    {
        yield return Pairs(cases);
        yield return WildcardPair(cases);
    }

    private string Id(string caseName) => $"{Name}/{caseName}";

    private static double N(ProbeCase c, string key) => c.Numbers.GetValueOrDefault(key);

    /// <summary>What the pairs predict: refused when a socket that is on the port (its own bind went through) refuses the third alone.</summary>
    internal static bool PairsRefuse(ProbeCase c) =>
        (N(c, "first_ok") == 1 && N(c, "pair_first_ok") == 0) || (N(c, "second_ok") == 1 && N(c, "pair_second_ok") == 0);

    internal static bool Refused(ProbeCase c) => N(c, "third_ok") == 0;

    private ProbeClaim Pairs(IReadOnlyList<ProbeCase> cases)
    {
        var names = All().Select(q => q.Name).ToList();
        var found = names.Select(n => cases.Find(n)).ToList();
        if (found.Any(c => c is null)) return Verdict.Missing(PairsClaim, [.. names.Where(n => cases.Find(n) is null).Take(4).Select(Id)]);
        var seqs = found.OfType<ProbeCase>().ToList();
        var differ = seqs.Where(c => Refused(c) != PairsRefuse(c)).ToList();
        int refused = seqs.Count(Refused);
        string evidence = differ.Count == 0
            ? $"{seqs.Count} sequences of 0.0.0.0 and [::] then a loopback address: in each the third socket's answer is what its pairs say ({refused} refused, {seqs.Count - refused} let on)"
            : $"{differ.Count} of {seqs.Count} sequences answer otherwise than their pairs: "
                + string.Join("; ", differ.Take(6).Select(c => $"{c.Case}: the third {(Refused(c) ? $"refused ({c.Said()})" : "let on")} though its pairs say {(PairsRefuse(c) ? "refused" : "let on")}"))
                + (differ.Count > 6 ? $"; and {differ.Count - 6} more" : "");
        return new ProbeClaim(PairsClaim, differ.Count == 0 ? Verdict.Holds : Verdict.DoesNotHold, evidence, [.. seqs.Select(c => c.Id)]);
    }

    private ProbeClaim WildcardPair(IReadOnlyList<ProbeCase> cases)
    {
        var any4 = BindAddress.All.Single(a => a.Label == "0.0.0.0");
        var any6 = BindAddress.All.Single(a => a.Label == "[::]");
        var seqs = Thirds.SelectMany(t => new[]
        {
            new Sequence(any4, any6, BindOptions.ReuseAddress, false, t, BindOptions.None),
            new Sequence(any6, any4, BindOptions.ReuseAddress, false, t, BindOptions.None),
        }).Select(q => (Seq: q, Case: cases.Find(q.Name))).ToList();
        if (seqs.Any(p => p.Case is null)) return Verdict.Missing(WildcardPairClaim, [.. seqs.Select(p => Id(p.Seq.Name))]);
        bool bothBound = seqs.All(p => N(p.Case!, "first_ok") == 1 && N(p.Case!, "second_ok") == 1);
        bool allRefused = seqs.All(p => Refused(p.Case!));
        string verdict = !bothBound ? Verdict.DoesNotHold
            : allRefused ? Verdict.Holds
            : seqs.Any(p => Refused(p.Case!)) ? Verdict.HoldsOnlyWhen($"the third address is one of: {string.Join(", ", seqs.Where(p => Refused(p.Case!)).Select(p => p.Seq.Third.Label).Distinct())}")
            : Verdict.DoesNotHold;
        string evidence = string.Join("; ", seqs.Select(p =>
            $"{p.Seq.First.Label} then {p.Seq.Second.Label}: second {(N(p.Case!, "second_ok") == 1 ? "ok" : Sockets.Errno.Name((int)N(p.Case!, "second_errno")))}, plain {p.Seq.Third.Label} {(Refused(p.Case!) ? p.Case!.Said() + (N(p.Case!, "third_failed_in_listen") == 1 ? " at listen" : "") : "ok")}"));
        return new ProbeClaim(WildcardPairClaim, verdict, evidence, [.. seqs.Select(p => p.Case!.Id)]);
    }
}
