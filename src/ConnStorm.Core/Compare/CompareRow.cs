namespace ConnStorm.Compare;

/// <summary>
/// One comparable item: its key (the key columns of its table) and one cell per folder, null where
/// the folder has no such item. A row differs when its cells are not all the same; a missing cell
/// counts as different, because "measured here, not there" is a difference a reader must see.
/// </summary>
public sealed record CompareRow(CompareTable Table, IReadOnlyList<string> Key, IReadOnlyList<string?> Cells)
{
    /// <summary>Where a cell's run-to-run part begins: shown, never compared.</summary>
    public const string Varies = " (varies: ";

    public bool Differs => Cells.Select(Comparable).Distinct(StringComparer.Ordinal).Skip(1).Any();

    private static string? Comparable(string? cell) =>
        cell is not null && cell.IndexOf(Varies, StringComparison.Ordinal) is var at and >= 0 ? cell[..at] : cell;
}
