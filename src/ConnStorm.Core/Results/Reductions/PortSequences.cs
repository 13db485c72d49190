namespace ConnStorm.Results.Reductions;

/// <summary>The port-sequence probe's cases: the local port each successive call got.</summary>
public static class PortSequences
{
    public const string Probe = "port-sequence";

    /// <summary>The cases that recorded values, in file order.</summary>
    public static IReadOnlyList<ProbesFileCase> Cases(ProbesFile probes) =>
        [.. probes.Cases.Where(c => c.Probe == Probe && c.Values is { Count: > 0 })];

    /// <summary>(call number from 1, port) of a case.</summary>
    public static IReadOnlyList<Point> Points(IReadOnlyList<long> values) => [.. values.Select((port, i) => new Point(i + 1, port))];

    /// <summary>A case's title: its name, and the range it ran on ("connect-to-a (range 40000-40999)").</summary>
    public static string Label(ProbesFileCase c) => Range(c) is { Length: > 0 } range ? $"{c.Case} ({range})" : c.Case;

    /// <summary>"range 40000-40999, option 40400-40799": the ranges a case ran on; "" when it recorded none.</summary>
    public static string Range(ProbesFileCase c)
    {
        if (Input(c, "ip_local_port_range") is not { } range)
        {
            return "";
        }
        var text = $"range {range.Replace(' ', '-')}";
        return Input(c, "ip_local_port_range_option") is { } option ? $"{text}, option {option.Replace(' ', '-')}" : text;
    }

    /// <summary>"range 40000 40999, …": a case's inputs, cut to <paramref name="max"/> characters so a panel title fits.</summary>
    public static string Inputs(ProbesFileCase c, int max = 60)
    {
        if (c.Inputs is not { Count: > 0 } inputs)
        {
            return "";
        }
        var text = string.Join(", ", inputs.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"));
        return text.Length <= max ? text : text[..(max - 1)] + "…";
    }

    private static string? Input(ProbesFileCase c, string name) =>
        c.Inputs is { } inputs && inputs.TryGetValue(name, out var value) ? value.ToString() : null;

    /// <summary>
    /// For a compare folder: the case names that some folder recorded values for, in first-seen order,
    /// each with one sequence per folder that has it.
    /// </summary>
    public static IReadOnlyList<(string Case, IReadOnlyList<(CompareSource Folder, ProbesFileCase Data)> Folders)> Across(CompareFile compare)
    {
        var names = compare.Columns.Where(c => c.Probes is not null).SelectMany(c => Cases(c.Probes!).Select(k => k.Case)).Distinct(StringComparer.Ordinal).ToList();
        return [.. names.Select(name => (name, (IReadOnlyList<(CompareSource, ProbesFileCase)>)[.. compare.Columns
            .Select(c => (Folder: c, Data: c.Probes is null ? null : Cases(c.Probes).FirstOrDefault(k => k.Case == name)))
            .Where(p => p.Data is not null)
            .Select(p => (p.Folder, p.Data!))]))];
    }

    /// <summary>Whether every folder recorded exactly the same ports (they then draw on top of each other).</summary>
    public static bool Same(IReadOnlyList<(CompareSource Folder, ProbesFileCase Data)> folders, int columns) =>
        folders.Count > 1 && folders.Count == columns && folders.All(f => f.Data.Values!.SequenceEqual(folders[0].Data.Values!));
}
