using System.Globalization;
using System.Runtime.Versioning;
using static ConnStorm.Probes.Catalogue.PortKit;

namespace ConnStorm.Probes.Catalogue;

/// <summary>The claims port-sequence settles, each from the cases of this run only.</summary>
[SupportedOSPlatform("linux")]
internal sealed partial class PortSequenceProbe
{
    public const string Sequential = "Linux hands out ephemeral ports sequentially (+1 per connect)";
    public const string Parity = "connect() prefers even ports and bind(ip, 0) odd ports when the range starts on an even number";
    public const string OddStart = "When the range starts on an even number connect() gets even ports; shifting the start by one gives odd ports";
    public const string Destination = "The first port chosen depends on the destination";
    public const string DefaultRangeClaim = "The default ephemeral range is 32768–61000 (28232 ports)";

    /// <summary>A share this close to 1 (or 0) is a preference, not chance: 300 random ports give about 0.5.</summary>
    private const double Strong = 0.9;

    public IEnumerable<ProbeClaim> Judge(IReadOnlyList<ProbeCase> cases)
    {
        var a = cases.Find("connect-to-a");
        var b = cases.Find("connect-to-b");
        var bind = cases.Find("bind-any-port");
        var odd = cases.Find("connect-to-a-odd-start");
        var range = cases.Find("namespace-default-range");
        yield return a is null ? Verdict.Missing(Sequential, Id("connect-to-a")) : JudgeSequential(a);
        yield return a is null || bind is null ? Verdict.Missing(Parity, Id("connect-to-a"), Id("bind-any-port")) : JudgeParity(a, bind);
        yield return a is null || odd is null ? Verdict.Missing(OddStart, Id("connect-to-a"), Id("connect-to-a-odd-start")) : JudgeOddStart(a, odd);
        yield return a is null || b is null ? Verdict.Missing(Destination, Id("connect-to-a"), Id("connect-to-b")) : JudgeDestination(a, b);
        yield return range is null ? Verdict.Missing(DefaultRangeClaim, Id("namespace-default-range")) : JudgeDefault(range);
    }

    private string Id(string caseName) => $"{Name}/{caseName}";

    private static double N(ProbeCase c, string key) => c.Numbers.GetValueOrDefault(key);

    private static bool Measured(ProbeCase c) => N(c, "succeeded") >= 2;

    private static string Steps(ProbeCase c) =>
        $"{N(c, "succeeded"):0} connects: step median {Num(N(c, "step_median"))} (min {Num(N(c, "step_min"))}, max {Num(N(c, "step_max"))}), steps of +1 {Num(N(c, "steps_of_1_share") * 100)}%, even ports {Num(N(c, "even_share") * 100)}%";

    private static ProbeClaim JudgeSequential(ProbeCase a)
    {
        if (!Measured(a))
        {
            return new ProbeClaim(Sequential, Verdict.NotSettled, $"connect() to A gave {a.Said()} after {N(a, "succeeded"):0} port(s)", [a.Id]);
        }
        // Sequential means every step is +1; a few skips would be ports some other socket held.
        bool holds = N(a, "steps_of_1_share") >= 0.95;
        return new ProbeClaim(Sequential, holds ? Verdict.Holds : Verdict.DoesNotHold, Steps(a), [a.Id]);
    }

    private static ProbeClaim JudgeParity(ProbeCase a, ProbeCase bind)
    {
        if (!Measured(a) || !Measured(bind))
        {
            return new ProbeClaim(Parity, Verdict.NotSettled, $"connect(): {a.Said()}, bind(ip, 0): {bind.Said()}", [a.Id, bind.Id]);
        }
        double connectEven = N(a, "even_share"), bindEven = N(bind, "even_share");
        bool connectPrefers = connectEven >= Strong, bindPrefers = bindEven <= 1 - Strong;
        string verdict = connectPrefers && bindPrefers ? Verdict.Holds
            : connectPrefers ? Verdict.HoldsOnlyWhen("speaking of connect(): bind(ip, 0) shows no preference for odd ports")
            : Verdict.DoesNotHold;
        return new ProbeClaim(Parity, verdict,
            $"range starts at an even port; even ports: connect() {Num(connectEven * 100)}% of {N(a, "succeeded"):0}, bind(ip, 0) {Num(bindEven * 100)}% of {N(bind, "succeeded"):0}",
            [a.Id, bind.Id]);
    }

    private static ProbeClaim JudgeOddStart(ProbeCase a, ProbeCase odd)
    {
        if (!Measured(a) || !Measured(odd))
        {
            return new ProbeClaim(OddStart, Verdict.NotSettled, $"even start: {a.Said()}, odd start: {odd.Said()}", [a.Id, odd.Id]);
        }
        double even = N(a, "even_share"), oddEven = N(odd, "even_share");
        bool holds = even >= Strong && oddEven <= 1 - Strong;
        return new ProbeClaim(OddStart, holds ? Verdict.Holds : Verdict.DoesNotHold,
            $"even ports from connect(): {Num(even * 100)}% on a range starting at {Lo}, {Num(oddEven * 100)}% on a range starting at {Lo + 1}",
            [a.Id, odd.Id]);
    }

    /// <summary>
    /// B's first port against A's: the same start means no dependence; B going on where A stopped
    /// means one shared counter (closing A's sockets first does not hide that); anything else is a
    /// start of B's own.
    /// </summary>
    private static ProbeClaim JudgeDestination(ProbeCase a, ProbeCase b)
    {
        if (!Measured(a) || !Measured(b) || a.Values is not { Count: > 0 } av || b.Values is not { Count: > 0 } bv)
        {
            return new ProbeClaim(Destination, Verdict.NotSettled, $"to A: {a.Said()}, to B: {b.Said()}", [a.Id, b.Id]);
        }
        long firstA = av[0], lastA = av[^1], firstB = bv[0];
        long gap = firstB - lastA;
        bool same = firstA == firstB;
        bool continues = gap > 0 && gap <= Math.Max(2, N(a, "step_max"));
        int shared = av.Intersect(bv).Count();
        string evidence = string.Create(CultureInfo.InvariantCulture,
            $"first port to A {firstA}, to B {firstB} (A's last was {lastA}); {shared} of B's {bv.Count} ports were also among A's");
        string verdict = same || continues ? Verdict.DoesNotHold : Verdict.Holds;
        if (continues)
        {
            evidence += "; B went on where A stopped: one sequence for all destinations";
        }
        return new ProbeClaim(Destination, verdict, evidence, [a.Id, b.Id]);
    }

    private static ProbeClaim JudgeDefault(ProbeCase range)
    {
        if (range.Outcome != ProbeCase.Observed)
        {
            return new ProbeClaim(DefaultRangeClaim, Verdict.NotSettled, $"the fresh namespace's range could not be read: {range.Said()}", [range.Id]);
        }
        double lo = N(range, "lo"), hi = N(range, "hi"), size = N(range, "size");
        bool holds = lo == 32768 && hi == 61000;
        return new ProbeClaim(DefaultRangeClaim, holds ? Verdict.Holds : Verdict.DoesNotHold,
            $"a fresh network namespace starts with {Num(lo)}-{Num(hi)}: {Num(size)} ports",
            [range.Id]);
    }
}
