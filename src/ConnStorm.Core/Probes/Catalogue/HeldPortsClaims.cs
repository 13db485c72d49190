using System.Runtime.Versioning;

namespace ConnStorm.Probes.Catalogue;

/// <summary>The claims held-ports settles, from the cases of this run only.</summary>
[SupportedOSPlatform("linux")]
internal sealed partial class HeldPortsProbe
{
    public const string HeldClaim = "connect() never takes a local port that another socket holds through bind() or listen(), whatever address that socket is on; it shares only ports first taken by connect()";

    public const string ReleasedClaim = "Once the bind() socket that joined a port connect() holds has closed, connect() shares that port again";

    public IEnumerable<ProbeClaim> Judge(IReadOnlyList<ProbeCase> cases)
    {
        yield return Released(cases);
        var found = Holders.Select(h => (Holder: h, Case: cases.Find(h.Name))).ToList();
        if (found.Any(f => f.Case is null))
        {
            yield return Verdict.Missing(HeldClaim, [.. Holders.Select(h => $"{Name}/{h.Name}")]);
            yield break;
        }
        var byBind = found.Where(f => f.Holder.Address is not null && !f.Holder.ByConnect).ToList();
        var byConnect = found.Single(f => f.Holder.ByConnect && !f.Holder.BindJoinsThenLeaves);
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
            + string.Join("; ", found.Where(f => !f.Holder.BindJoinsThenLeaves).Select(f => $"{f.Holder.Describe}: {Told(f.Case!)}"))
            + (unheld ? " (a holder could not take the port, so its case says nothing)" : "");
        yield return new ProbeClaim(HeldClaim, verdict, evidence, [.. found.Where(f => !f.Holder.BindJoinsThenLeaves).Select(f => f.Case!.Id)]);
    }

    private ProbeClaim Released(IReadOnlyList<ProbeCase> cases)
    {
        var holder = Holders.Single(h => h.BindJoinsThenLeaves);
        var plain = Holders.Single(h => h.ByConnect && !h.BindJoinsThenLeaves);
        var c = cases.Find(holder.Name);
        var p = cases.Find(plain.Name);
        if (c is null || p is null) return Verdict.Missing(ReleasedClaim, $"{Name}/{holder.Name}", $"{Name}/{plain.Name}");
        bool took = c.Numbers.GetValueOrDefault("took_held") == 1, plainTook = p.Numbers.GetValueOrDefault("took_held") == 1;
        string verdict = c.Numbers.GetValueOrDefault("holder_ok") != 1 || !plainTook ? Verdict.NotSettled
            : took ? Verdict.Holds : Verdict.DoesNotHold;
        return new ProbeClaim(ReleasedClaim, verdict,
            $"port {Held} first taken by connect() to another destination: shared by the clients narrowed to {RangeLo}-{RangeHi}: {(plainTook ? "yes" : "no")}; after a socket bound 127.0.0.2:{Held} beside it and closed: {(took ? "yes" : $"no ({c.Numbers.GetValueOrDefault("connects_ok"):0} connects, the port left alone)")}"
                + (c.Numbers.GetValueOrDefault("holder_ok") != 1 ? $" (the bind to 127.0.0.2:{Held} failed with errno {c.Numbers.GetValueOrDefault("holder_errno"):0})" : ""),
            [p.Id, c.Id]);
    }
}
