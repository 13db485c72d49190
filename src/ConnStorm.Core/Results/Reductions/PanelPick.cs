namespace ConnStorm.Results.Reductions;

/// <summary>Which runs get a panel in a per-run grid, and how the grid is laid out.</summary>
public static class PanelPick
{
    public const int MaxPanels = 16;

    /// <summary>
    /// All runs when they fit; otherwise the first <paramref name="max"/> − 1 and the run that held
    /// the most, which is the one a reader of a sweep wants to see. In run order.
    /// </summary>
    public static IReadOnlyList<RunRow> Runs(IReadOnlyList<RunRow> runs, int max = MaxPanels)
    {
        if (runs.Count <= max)
        {
            return runs;
        }
        var largest = runs.MaxBy(r => r.MaxEstablished)!;
        return [.. runs.Where(r => r != largest).Take(max - 1).Append(largest).OrderBy(r => r.Run)];
    }

    /// <summary>Nearly square: columns = ⌈√n⌉, rows as many as needed.</summary>
    public static (int Rows, int Columns) Grid(int panels)
    {
        var n = Math.Max(1, panels);
        var columns = (int)Math.Ceiling(Math.Sqrt(n));
        return ((int)Math.Ceiling(n / (double)columns), columns);
    }

    /// <summary>" (16 of 43 runs shown: the first 15 and the largest)" when runs were left out; "" otherwise.</summary>
    public static string Note(int shown, int total) =>
        shown < total ? $" ({shown} of {total} runs shown: the first {shown - 1} and the largest)" : "";
}
