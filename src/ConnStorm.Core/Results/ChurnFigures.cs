namespace ConnStorm.Results;

/// <summary>A churn's measured rate: connections established per second over the last half of its duration.</summary>
public sealed record ChurnFigures(double SustainedRatePerS);
