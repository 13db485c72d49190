namespace ConnStorm.Plots;

/// <summary>One plot: its script NAME.gp was written; Rendered when gnuplot drew NAME.png and NAME.svg.</summary>
public sealed record PlotResult(string Name, bool Rendered, string? Error);
