namespace ConnStorm.Probes;

/// <summary>The words a probe claim's verdict is written in, and how to find the cases behind it.</summary>
public static class Verdict
{
    public const string Holds = "holds";
    public const string DoesNotHold = "does not hold";
    public const string NotSettled = "not settled by these cases";

    public static string HoldsOnlyWhen(string condition) => $"holds only when {condition}";

    /// <summary>A claim that could not be judged because a case it needs is missing (the probe failed, or ran only in part).</summary>
    public static ProbeClaim Missing(string claim, params string[] ids) =>
        new(claim, NotSettled, $"case(s) missing from this run: {string.Join(", ", ids)}", ids);

    public static ProbeCase? Find(this IReadOnlyList<ProbeCase> cases, string caseName) =>
        cases.FirstOrDefault(c => c.Case == caseName);

    /// <summary>"ok" or the errno name: how a case's outcome reads in evidence.</summary>
    public static string Said(this ProbeCase c) => c.Outcome == ProbeCase.Error ? c.Errno ?? "error" : c.Outcome;
}
