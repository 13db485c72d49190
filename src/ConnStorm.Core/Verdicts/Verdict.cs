namespace ConnStorm.Verdicts;

/// <summary>
/// One claim judged against measured runs. <see cref="Detail"/> carries the measured numbers
/// (already formatted for reading); <see cref="Runs"/> are the run numbers that show it.
/// </summary>
public sealed record Verdict(string Claim, VerdictOutcome Outcome, string Detail, IReadOnlyList<int> Runs)
{
    /// <summary>For <see cref="VerdictOutcome.HoldsOnly"/>: the condition, e.g. "the IPs differ".</summary>
    public string? Condition { get; init; }

    public string OutcomeText => Outcome.Text(Condition);
}
