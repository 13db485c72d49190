namespace ConnStorm.Compare;

/// <summary>Folders side by side: one column per folder, one row per comparable item, in the order the folders list them.</summary>
public sealed record CompareReport(CompareKind Kind, IReadOnlyList<CompareColumn> Columns, IReadOnlyList<CompareRow> Rows)
{
    public const string Schema = "connstorm.compare/1";

    public int DifferingCount => Rows.Count(r => r.Differs);

    public IReadOnlyList<CompareRow> RowsOf(CompareTable table) => [.. Rows.Where(r => r.Table == table)];

    /// <summary>The names of a table's key columns, in key order.</summary>
    public static IReadOnlyList<string> KeyNames(CompareTable table) => table switch
    {
        CompareTable.Runs => ["variant", "port_range_size", "targets", "source_ips"],
        CompareTable.Cases => ["probe", "case"],
        _ => ["claim"],
    };

    /// <summary>The tables a report of this kind has, in the order they are shown.</summary>
    public IReadOnlyList<CompareTable> Tables => Kind == CompareKind.Runs ? [CompareTable.Runs] : [CompareTable.Cases, CompareTable.Claims];
}
