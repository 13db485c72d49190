namespace ConnStorm.Results.Reductions;

/// <summary>
/// Keeping a large series drawable: every n-th row, so the shape survives and a PNG renders in
/// well under a second (a connections.csv can have 160,000 rows; an SVG holds each point as text).
/// </summary>
public static class Thinning
{
    /// <summary>The step that keeps at most <paramref name="max"/> of <paramref name="count"/> rows (1: keep all).</summary>
    public static int Step(int count, int max) => count <= max || max <= 0 ? 1 : (int)Math.Ceiling(count / (double)max);

    /// <summary>Rows 0, n, 2n, ... with n = <see cref="Step"/>.</summary>
    public static IReadOnlyList<T> Every<T>(IReadOnlyList<T> rows, int max)
    {
        var step = Step(rows.Count, max);
        if (step == 1)
        {
            return rows;
        }
        var kept = new List<T>(rows.Count / step + 1);
        for (var i = 0; i < rows.Count; i += step)
        {
            kept.Add(rows[i]);
        }
        return kept;
    }
}
