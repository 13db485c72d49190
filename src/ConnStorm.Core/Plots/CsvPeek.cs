namespace ConnStorm.Plots;

/// <summary>
/// What a script needs to know about a CSV before gnuplot reads it: column numbers, row count,
/// which columns are ever non-zero. The values themselves stay in the file for gnuplot.
/// </summary>
internal static class CsvPeek
{
    /// <summary>Column names of the header line, in order (gnuplot numbers them from 1).</summary>
    public static IReadOnlyList<string> Header(string path)
    {
        using var reader = Open(path);
        var line = reader.ReadLine() ?? "";
        return [.. line.Split(',').Select(name => name.Trim().Trim('"'))];
    }

    /// <summary>The 1-based gnuplot column of <paramref name="name"/>, or 0 when there is none.</summary>
    public static int Column(IReadOnlyList<string> header, string name)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (string.Equals(header[i], name, StringComparison.Ordinal))
            {
                return i + 1;
            }
        }
        return 0;
    }

    /// <summary>Data rows (non-empty lines after the header).</summary>
    public static long CountRows(string path)
    {
        using var reader = Open(path);
        reader.ReadLine();
        long rows = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                rows++;
            }
        }
        return rows;
    }

    /// <summary>The names of the given columns that hold a non-zero number in some row.</summary>
    public static IReadOnlyList<string> NonZeroColumns(string path, IReadOnlyList<string> names)
    {
        var header = Header(path);
        var wanted = names.Select(n => Column(header, n) - 1).Where(i => i >= 0).ToArray();
        var seen = new HashSet<int>();
        using var reader = Open(path);
        reader.ReadLine();
        while (reader.ReadLine() is { } line && seen.Count < wanted.Length)
        {
            var fields = line.Split(',');
            foreach (var i in wanted)
            {
                if (i < fields.Length && fields[i].Trim() is { Length: > 0 } f && f != "0")
                {
                    seen.Add(i);
                }
            }
        }
        return [.. names.Where(n => seen.Contains(Column(header, n) - 1))];
    }

    /// <summary>The largest number in any of the named columns (0 when there is none).</summary>
    public static double ColumnMax(string path, IReadOnlyList<string> names)
    {
        var header = Header(path);
        var wanted = names.Select(n => Column(header, n) - 1).Where(i => i >= 0).ToArray();
        double most = 0;
        using var reader = Open(path);
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            var fields = line.Split(',');
            foreach (var i in wanted)
            {
                if (i < fields.Length && double.TryParse(fields[i], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v))
                {
                    most = Math.Max(most, v);
                }
            }
        }
        return most;
    }

    // Others may still be writing a file of a run in progress.
    private static StreamReader Open(string path) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
}
