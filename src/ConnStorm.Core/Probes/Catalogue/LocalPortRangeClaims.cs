using System.Runtime.Versioning;
using static ConnStorm.Probes.Catalogue.PortKit;

namespace ConnStorm.Probes.Catalogue;

/// <summary>The claim local-port-range settles, from the cases of this run only.</summary>
[SupportedOSPlatform("linux")]
internal sealed partial class LocalPortRangeProbe
{
    public const string Narrow = "IP_LOCAL_PORT_RANGE can only narrow the namespace's range";

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
    }
}
