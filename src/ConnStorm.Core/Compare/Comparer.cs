using ConnStorm.Results;

namespace ConnStorm.Compare;

/// <summary>Loads results folders of one kind and lines up their comparable items.</summary>
public static class Comparer
{
    /// <summary>
    /// Reads every folder and builds the report. Throws <see cref="CompareException"/> (naming the
    /// folders) for fewer than two folders, a folder that is neither kind, mixed kinds, or mixed or
    /// unknown schemas: comparing rows whose meaning differs would mislead.
    /// </summary>
    public static CompareReport Load(IReadOnlyList<string> dirs)
    {
        if (dirs.Count < 2)
        {
            throw new CompareException($"compare needs at least two results folders, got {dirs.Count}");
        }
        var ids = dirs.Select(FolderIdentity.Of).ToList();
        if (ids.Select(i => i.Kind).Distinct().Count() > 1)
        {
            throw new CompareException("cannot compare runs with probes:\n" + string.Join("\n", ids.Select(i => "  " + i.Describe)));
        }
        if (ids.Select(i => i.Schema).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            throw new CompareException("the folders have different schema versions:\n" + string.Join("\n", ids.Select(i => "  " + i.Describe)));
        }
        var kind = ids[0].Kind;
        var known = kind == CompareKind.Runs ? Manifest.CurrentSchema : ProbesFile.CurrentSchema;
        if (ids[0].Schema != known)
        {
            throw new CompareException($"unsupported schema {ids[0].Schema} (this connstorm reads {known}):\n"
                + string.Join("\n", ids.Select(i => "  " + i.Describe)));
        }

        var names = ColumnNames(dirs);
        var columns = new List<CompareColumn>();
        for (var i = 0; i < ids.Count; i++)
        {
            try
            {
                columns.Add(kind == CompareKind.Runs ? RunsRows.Column(i + 1, ids[i], names[i]) : ProbesRows.Column(i + 1, ids[i], names[i]));
            }
            // Any failure to read (I/O, JSON, a CSV field CsvHelper cannot convert) is the folder's
            // fault, not compare's: say which folder, exit 2.
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new CompareException($"{ids[i].Dir}: cannot be read: {e.Message}", e);
            }
        }
        var rows = kind == CompareKind.Runs ? RunsRows.Build(columns) : ProbesRows.Build(columns);
        return new CompareReport(kind, columns, rows);
    }

    /// <summary>
    /// The last two parts of each path ("myth-65535/20261121-171634Z"): the scenario and the timestamp
    /// tell runs apart where kernel and host are the same. Numbered when two are still equal.
    /// </summary>
    internal static IReadOnlyList<string> ColumnNames(IReadOnlyList<string> dirs)
    {
        var names = dirs.Select(d =>
        {
            var parts = Path.GetFullPath(d).TrimEnd(Path.DirectorySeparatorChar).Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
            return string.Join('/', parts.TakeLast(2));
        }).ToList();
        return [.. names.Select((n, i) => names.Count(m => m == n) > 1 ? $"{n} #{i + 1}" : n)];
    }

    /// <summary>
    /// Lines up items by key, in the order they first appear (folder 1's order, then what only later
    /// folders have): the sweep order of runs.csv is the order a reader knows.
    /// </summary>
    internal static IReadOnlyList<CompareRow> Align<TKey>(CompareTable table, IReadOnlyList<IReadOnlyList<(TKey Key, string Cell)>> perColumn, Func<TKey, IReadOnlyList<string>> keyText)
        where TKey : notnull
    {
        var order = new List<TKey>();
        var cells = new Dictionary<TKey, string?[]>();
        for (var c = 0; c < perColumn.Count; c++)
        {
            foreach (var (key, cell) in perColumn[c])
            {
                if (!cells.TryGetValue(key, out var row))
                {
                    row = new string?[perColumn.Count];
                    cells[key] = row;
                    order.Add(key);
                }
                // Repeats of a key in one folder (a sweep with repeats) are all shown, in order.
                row[c] = row[c] is null ? cell : $"{row[c]} / {cell}";
            }
        }
        return [.. order.Select(k => new CompareRow(table, keyText(k), cells[k]))];
    }
}
