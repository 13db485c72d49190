namespace ConnStorm.Verdicts;

/// <summary>What the measured runs say about a claim.</summary>
public enum VerdictOutcome
{
    Holds,
    DoesNotHold,

    /// <summary>Holds under a condition the runs showed; <see cref="Verdict.Condition"/> names it.</summary>
    HoldsOnly,

    /// <summary>The runs cannot decide it (none of the right kind, or none reached the limit).</summary>
    NotSettled,
}

public static class VerdictOutcomeText
{
    /// <summary>The words a reader sees in the verdict column.</summary>
    public static string Text(this VerdictOutcome outcome, string? condition = null) => outcome switch
    {
        VerdictOutcome.Holds => "holds",
        VerdictOutcome.DoesNotHold => "does not hold",
        VerdictOutcome.HoldsOnly => "holds only when " + (string.IsNullOrWhiteSpace(condition) ? "…" : condition),
        _ => "not settled by these runs",
    };
}
