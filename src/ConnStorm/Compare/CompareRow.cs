namespace ConnStorm.Compare;

/// <summary>
/// One comparable item: its key (the key columns of its table) and one cell per folder, null where
/// the folder has no such item. A row differs when its cells are not all the same; a missing cell
/// counts as different, because "measured here, not there" is a difference a reader must see.
/// </summary>
public sealed record CompareRow(CompareTable Table, IReadOnlyList<string> Key, IReadOnlyList<string?> Cells)
{
    public bool Differs => Cells.Distinct(StringComparer.Ordinal).Skip(1).Any();
}
