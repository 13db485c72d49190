using System.Globalization;
using ConnStorm.Results;
using ConnStorm.Rules;
using ConnStorm.Sockets;

namespace ConnStorm.Verdicts;

/// <summary>
/// The common part of every "limit = …" claim: which runs can be checked, how one run compares
/// with <see cref="PortRules"/>, and how the comparisons add up to a verdict. The rule is always
/// asked for the row's own shape, so a verdict cannot carry a number that was not measured.
/// </summary>
internal static class RuleCheck
{
    /// <summary>Why a run cannot test a port rule; null when it can.</summary>
    public static string? ExclusionReason(RunRow row)
    {
        var reasons = new List<string>(4);
        if (row.Interrupted)
        {
            reasons.Add("interrupted");
        }
        if (row.FdCapped)
        {
            reasons.Add("RLIMIT_NOFILE capped it");
        }
        if (row.WorkersLost > 0)
        {
            reasons.Add(Say.Count(row.WorkersLost, "worker", "workers") + " lost");
        }
        // Explicit ports do not depend on the range; every other rule does.
        if (row.SourcePorts is not > 0 && row.PortRangeSize is not > 0)
        {
            reasons.Add("port range size not recorded");
        }
        return reasons.Count == 0 ? null : string.Join(" and ", reasons);
    }

    public static RowFit Compare(RunRow row)
    {
        var rule = PortRules.Predict(row.Shape());
        var expected = Say.Failure(Errno.Name(rule.Errno), rule.Phase);
        var measured = Say.Failure(row.FirstFailureErrno, row.FirstFailurePhase);
        var held = $"{Say.Run(row)} held {Say.N(row.MaxEstablished)}";

        if (row.FirstFailureErrno is null && row.MaxEstablished <= rule.Limit && row.Attempted <= rule.Limit)
        {
            // Every attempt succeeded and none went past the limit: the limit was never tried.
            return new(row, rule, Fit.Untested,
                $"{held} without a failure from {Say.N(row.Attempted)} attempts; the rule allows {Say.N(rule.Limit)} ({Say.Shape(row)}), so it never reached the limit");
        }

        var countFits = row.MaxEstablished == rule.Limit;
        var failureFits = FailureMatches(row, rule);
        if (countFits && failureFits)
        {
            return new(row, rule, Fit.Agrees, $"{held} as the rule predicts ({Say.Shape(row)}), then {measured}");
        }
        var text = countFits
            ? $"{held} as the rule predicts ({Say.Shape(row)}) but first failed with {measured}, not {expected}"
            : failureFits
                ? $"{held} where the rule predicts {Say.N(rule.Limit)} ({Say.Shape(row)}), then {measured} as the rule says"
                : $"{held} where the rule predicts {Say.N(rule.Limit)} ({Say.Shape(row)}); first failure {measured}, rule {expected}";
        return new(row, rule, Fit.Disagrees, text);
    }

    private static bool FailureMatches(RunRow row, PortRules.Prediction rule) =>
        row.FirstFailureErrno is { } name
        && Errno.TryParse(name, out var errno)
        && errno == rule.Errno
        && string.Equals(row.FirstFailurePhase, rule.Phase, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Adds the comparisons up. One disagreeing run is enough to say "does not hold"; "holds"
    /// needs at least one run that reached the limit and no run against it.
    /// </summary>
    public static Verdict Conclude(string claim, IReadOnlyList<RunRow> kind, Func<RowFit, RowFit>? refine = null, Func<IReadOnlyList<RowFit>, string?>? extra = null)
    {
        var excluded = new List<string>();
        var fits = new List<RowFit>();
        foreach (var row in kind)
        {
            if (ExclusionReason(row) is { } reason)
            {
                excluded.Add($"{Say.Run(row)} excluded: {reason}");
                continue;
            }
            var fit = Compare(row);
            fits.Add(refine is null ? fit : refine(fit));
        }

        var against = fits.Where(f => f.Fit == Fit.Disagrees).ToList();
        var along = fits.Where(f => f.Fit == Fit.Agrees).ToList();
        var untested = fits.Where(f => f.Fit == Fit.Untested).ToList();
        var sentences = new List<string>();

        VerdictOutcome outcome;
        List<RowFit> shown;
        if (against.Count > 0)
        {
            outcome = VerdictOutcome.DoesNotHold;
            shown = against;
            sentences.AddRange(against.Select(f => f.Text));
            if (along.Count > 0)
            {
                sentences.Add(RunList(along) + " followed the rule");
            }
        }
        else if (along.Count > 0)
        {
            outcome = VerdictOutcome.Holds;
            shown = along;
            sentences.Add(Agreement(along));
        }
        else
        {
            outcome = VerdictOutcome.NotSettled;
            shown = untested;
            sentences.Add(kind.Count == 0 ? "no run of this kind" : "no run of this kind reached the limit");
        }

        if (outcome != VerdictOutcome.NotSettled && extra?.Invoke(fits) is { } more)
        {
            sentences.Add(more);
        }
        // Runs that could not test the claim: listed, with one of them said in full as the example.
        if (untested.Count > 2)
        {
            sentences.Add($"{RunList(untested)} did not test it, for example {untested[0].Text}");
        }
        else
        {
            sentences.AddRange(untested.Select(f => f.Text));
        }
        sentences.AddRange(excluded);
        return new Verdict(claim, outcome, string.Join("; ", sentences), [.. shown.Select(f => f.Row.Run)]);
    }

    /// <summary>
    /// Runs that all followed the rule, in one sentence: how many, the span of their limits and,
    /// as the example, the largest run in full (its text carries any evidence a claim added).
    /// </summary>
    private static string Agreement(IReadOnlyList<RowFit> along)
    {
        if (along.Count == 1)
        {
            return along[0].Text;
        }
        var smallest = along.MinBy(f => f.Row.MaxEstablished)!;
        var largest = along.MaxBy(f => f.Row.MaxEstablished)!;
        return $"each of {along.Count} runs held exactly the limit the rule predicts for it " +
            $"({Say.N(smallest.Row.MaxEstablished)} to {Say.N(largest.Row.MaxEstablished)}) and failed as it says; largest: {largest.Text}";
    }

    /// <summary>"run 4", "runs 4, 5".</summary>
    private static string RunList(IReadOnlyList<RowFit> fits) =>
        (fits.Count == 1 ? "run " : "runs ") + string.Join(", ", fits.Select(f => f.Row.Run.ToString(CultureInfo.InvariantCulture)));
}
