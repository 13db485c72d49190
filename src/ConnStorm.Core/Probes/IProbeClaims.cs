namespace ConnStorm.Probes;

/// <summary>
/// A probe that settles claims from folklore. Each verdict comes from that probe's own cases as
/// measured in this run ("holds", "does not hold", "holds only when …", "not settled by these
/// cases"): never from a stored answer.
/// </summary>
public interface IProbeClaims
{
    IEnumerable<ProbeClaim> Judge(IReadOnlyList<ProbeCase> cases);
}
