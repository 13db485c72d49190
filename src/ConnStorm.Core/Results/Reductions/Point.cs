namespace ConnStorm.Results.Reductions;

/// <summary>One point of a series, in data units.</summary>
public readonly record struct Point(double X, double Y);
