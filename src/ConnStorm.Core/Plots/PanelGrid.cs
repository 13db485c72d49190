namespace ConnStorm.Plots;

/// <summary>
/// How per-run panels are laid out: nearly square, at most <see cref="MaxPanels"/>, and an image big
/// enough that each panel stays readable (about 1400x900 for up to four panels).
/// </summary>
internal sealed record PanelGrid(int Rows, int Columns, int Shown, int Total)
{
    public const int MaxPanels = 16;

    public int Width => Math.Max(1400, Columns * 480);

    public int Height => Math.Max(900, Rows * 340);

    public bool Truncated => Shown < Total;

    public static PanelGrid For(int panels)
    {
        var shown = Math.Clamp(panels, 1, MaxPanels);
        var columns = (int)Math.Ceiling(Math.Sqrt(shown));
        var rows = (int)Math.Ceiling(shown / (double)columns);
        return new PanelGrid(rows, columns, Math.Min(panels, MaxPanels), panels);
    }

    /// <summary>Appended to a title when runs were left out.</summary>
    public string TitleNote => Truncated ? $" ({Shown} of {Total} runs shown: the first {Shown - 1} and the largest)" : "";

    /// <summary>
    /// The runs that get a panel: all of them when they fit; otherwise the first ones and the run
    /// that held the most, which is the one a reader of a sweep wants to see.
    /// </summary>
    public IReadOnlyList<Results.RunRow> Pick(IReadOnlyList<Results.RunRow> runs)
    {
        if (!Truncated)
        {
            return runs;
        }
        var largest = runs.MaxBy(r => r.MaxEstablished)!;
        var first = runs.Where(r => r != largest).Take(Shown - 1);
        return [.. first.Append(largest).OrderBy(r => r.Run)];
    }
}
