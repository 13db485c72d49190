using ConnStorm.Results;
using ConnStorm.Rules;

namespace ConnStorm.Verdicts;

/// <summary>How one measured run compares with its rule.</summary>
internal enum Fit
{
    Agrees,
    Disagrees,

    /// <summary>The run neither confirms nor refutes the claim (e.g. it stopped before the limit without a failure).</summary>
    Untested,
}

/// <summary>One run against <see cref="PortRules"/>: the outcome and a sentence with the numbers.</summary>
internal sealed record RowFit(RunRow Row, PortRules.Prediction Rule, Fit Fit, string Text);
