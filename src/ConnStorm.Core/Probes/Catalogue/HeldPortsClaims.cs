using System.Runtime.Versioning;

namespace ConnStorm.Probes.Catalogue;

/// <summary>The claims held-ports settles, from the cases of this run only.</summary>
[SupportedOSPlatform("linux")]
internal sealed partial class HeldPortsProbe
{
    public const string HeldClaim = "connect() never takes a local port that another socket holds through bind() or listen(), whatever address that socket is on; it shares only ports first taken by connect()";

    public IEnumerable<ProbeClaim> Judge(IReadOnlyList<ProbeCase> cases)
    {
        var found = Holders.Select(h => (Holder: h, Case: cases.Find(h.Name))).ToList();
        if (found.Any(f => f.Case is null))
        {
            yield return Verdict.Missing(HeldClaim, [.. Holders.Select(h => $"{Name}/{h.Name}")]);
            yield break;
        }
        var byBind = found.Where(f => f.Holder.Address is not null && !f.Holder.ByConnect).ToList();
        var byConnect = found.Single(f => f.Holder.ByConnect);
        var nobody = found.Single(f => f.Holder.Address is null);
        static bool Took(ProbeCase c) => c.Numbers.GetValueOrDefault("took_held") == 1;
        static string Told(ProbeCase c) =>
            $"{c.Numbers.GetValueOrDefault("connects_ok"):0} connects, {(Took(c) ? $"port {Held} taken" : $"port {Held} left alone")}, then {(c.Outcome == ProbeCase.Error ? c.Said() : "no failure")}";
        bool unheld = byBind.Any(f => f.Case!.Numbers.GetValueOrDefault("holder_ok") != 1);
        var taken = byBind.Where(f => Took(f.Case!)).ToList();
        string verdict = unheld || !Took(nobody.Case!) ? Verdict.NotSettled
            : taken.Count == 0 && Took(byConnect.Case!) ? Verdict.Holds
            : taken.Count == 0 ? Verdict.HoldsOnlyWhen($"speaking of bind() and listen(): a port first taken by connect() was not shared either")
            : Verdict.DoesNotHold;
        string evidence = $"clients narrowed to {RangeLo}-{RangeHi}, port {Held} held first by: "
            + string.Join("; ", found.Select(f => $"{f.Holder.Describe}: {Told(f.Case!)}"))
            + (unheld ? " (a holder could not take the port, so its case says nothing)" : "");
        yield return new ProbeClaim(HeldClaim, verdict, evidence, [.. found.Select(f => f.Case!.Id)]);
    }
}
