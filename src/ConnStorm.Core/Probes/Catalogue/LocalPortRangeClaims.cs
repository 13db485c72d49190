using System.Runtime.Versioning;
using static ConnStorm.Probes.Catalogue.PortKit;

namespace ConnStorm.Probes.Catalogue;

/// <summary>The claim local-port-range settles, from the cases of this run only.</summary>
[SupportedOSPlatform("linux")]
internal sealed partial class LocalPortRangeProbe
{
    public const string Narrow = "IP_LOCAL_PORT_RANGE can only narrow the namespace's range";
    public const string Everywhere = "IP_LOCAL_PORT_RANGE applies alike to TCP and UDP, IPv4 and IPv6, connect() and bind(ip, 0), with or without IP_BIND_ADDRESS_NO_PORT, and a bound of 0 stands for the namespace's";

    /// <summary>The cases whose option reaches outside the namespace range: they decide the claim.</summary>
    private static readonly string[] Outside = ["outside-above", "outside-below", "across-low-bound", "across-high-bound"];

    public IEnumerable<ProbeClaim> Judge(IReadOnlyList<ProbeCase> cases)
    {
        var found = Outside.Select(name => cases.Find(name)).ToList();
        string[] ids = [.. Outside.Select(n => $"{Name}/{n}")];
        if (found.Any(c => c is null))
        {
            yield return Verdict.Missing(Narrow, ids);
            yield break;
        }
        var outside = found.OfType<ProbeCase>().ToList();
        string Landed(ProbeCase c) => c.Outcome != ProbeCase.Ok
            ? $"{c.Inputs.GetValueOrDefault("option")}: setsockopt {c.Said()}"
            : c.Numbers.GetValueOrDefault("connects_ok") == 0
                ? $"{c.Inputs.GetValueOrDefault("option")}: no connect succeeded ({c.Inputs.GetValueOrDefault("connect_failure")})"
                : $"{c.Inputs.GetValueOrDefault("option")}: ports {Num(c.Numbers.GetValueOrDefault("port_min"))}-{Num(c.Numbers.GetValueOrDefault("port_max"))}";
        string evidence = $"namespace range {Lo}-{Hi}; " + string.Join("; ", outside.Select(Landed));

        var measured = outside.Where(c => c.Outcome == ProbeCase.Ok && c.Numbers.GetValueOrDefault("connects_ok") > 0).ToList();
        // A port outside the namespace range is the widening the claim rules out.
        bool widened = measured.Any(c => c.Numbers.GetValueOrDefault("in_namespace_range_share") < 1);
        // Refusing an outside value (EINVAL) also keeps the range narrow; a missing option settles nothing.
        bool unsupported = outside.Any(c => c.Errno is "ENOPROTOOPT" or "EOPNOTSUPP");
        string verdict = widened ? Verdict.DoesNotHold
            : unsupported || (measured.Count == 0 && outside.All(c => c.Outcome == ProbeCase.Ok)) ? Verdict.NotSettled
            : Verdict.Holds;
        yield return new ProbeClaim(Narrow, verdict, evidence, ids);
        yield return JudgeEverywhere(cases);
    }

    private ProbeClaim JudgeEverywhere(IReadOnlyList<ProbeCase> cases)
    {
        var names = (from p in Protocols from f in Families from c in Calls from r in MatrixRanges select MatrixName(p, f, c, r.Label)).ToList();
        var found = names.Select(n => cases.Find(n)).ToList();
        if (found.Any(c => c is null)) return Verdict.Missing(Everywhere, [.. names.Where(n => cases.Find(n) is null).Take(4).Select(n => $"{Name}/{n}")]);
        var all = found.OfType<ProbeCase>().ToList();
        if (all.Any(c => c.Errno is "ENOPROTOOPT" or "EOPNOTSUPP"))
        {
            var unsupported = all.Where(c => c.Errno is "ENOPROTOOPT" or "EOPNOTSUPP").ToList();
            return new ProbeClaim(Everywhere, Verdict.NotSettled,
                $"the option was refused ({unsupported[0].Said()}) in {unsupported.Count} of {all.Count} cases, e.g. {unsupported[0].Case}", [.. all.Select(c => c.Id)]);
        }
        bool Inside(ProbeCase c) => c.Outcome == ProbeCase.Ok && c.Numbers.GetValueOrDefault("calls_ok") == FamilySockets
            && c.Numbers.GetValueOrDefault("in_option_range_share") == 1 && c.Numbers.GetValueOrDefault("in_namespace_range_share") == 1;
        var outside = all.Where(c => !Inside(c)).ToList();
        string Told(ProbeCase c) => c.Outcome != ProbeCase.Ok
            ? $"{c.Case}: {c.Said()} from {c.Inputs.GetValueOrDefault("failed_call")}() after {Num(c.Numbers.GetValueOrDefault("calls_ok"))} socket(s)"
            : $"{c.Case}: ports {Num(c.Numbers.GetValueOrDefault("port_min"))}-{Num(c.Numbers.GetValueOrDefault("port_max"))}, {Num(c.Numbers.GetValueOrDefault("in_option_range_share") * 100)}% inside {Num(c.Numbers.GetValueOrDefault("effective_lo"))}-{Num(c.Numbers.GetValueOrDefault("effective_hi"))}";
        string evidence = outside.Count == 0
            ? $"namespace range {Lo}-{Hi}; in all {all.Count} cases ({string.Join(", ", MatrixRanges.Select(r => Range(r.Lo, r.Hi)))} × TCP, UDP × IPv4, IPv6 × connect(), bind(ip, 0), IP_BIND_ADDRESS_NO_PORT then connect()) each of {FamilySockets} sockets got a port inside both the option's range and the namespace's, 0 read as the namespace's bound"
            : $"namespace range {Lo}-{Hi}; {outside.Count} of {all.Count} cases did not keep to the option's range: " + string.Join("; ", outside.Take(6).Select(Told)) + (outside.Count > 6 ? $"; and {outside.Count - 6} more" : "");
        return new ProbeClaim(Everywhere, outside.Count == 0 ? Verdict.Holds : Verdict.DoesNotHold, evidence, [.. all.Select(c => c.Id)]);
    }
}
