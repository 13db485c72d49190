using System.Globalization;
using ConnStorm.Results;

namespace ConnStorm.Compare;

/// <summary>Probes folders: one row per (probe, case), and one per claim.</summary>
internal static class ProbesRows
{
    public static CompareColumn Column(int number, FolderIdentity id, string name)
    {
        var probes = ProbesFile.Read(Path.Combine(id.Dir, ProbesFile.FileName));
        return new CompareColumn(number, id.Dir, name, CompareKind.Probes, id.Schema, probes.KernelRelease, probes.Hostname)
        {
            Where = probes.Where,
            ToolVersion = probes.ToolVersion,
            Probes = probes,
        };
    }

    public static IReadOnlyList<CompareRow> Build(IReadOnlyList<CompareColumn> columns)
    {
        var cases = Comparer.Align(
            CompareTable.Cases,
            [.. columns.Select(c => (IReadOnlyList<((string, string) Key, string Cell)>)[.. c.Probes!.Cases.Select(k => ((k.Probe, k.Case), Cell(k)))])],
            k => [k.Item1, k.Item2]);
        var claims = Comparer.Align(
            CompareTable.Claims,
            [.. columns.Select(c => (IReadOnlyList<(string Key, string Cell)>)[.. c.Probes!.Claims.Select(k => (k.Claim, k.Verdict))])],
            k => [k]);
        return [.. cases, .. claims];
    }

    /// <summary>
    /// "ok · calls=300 even_share=1 (varies: first_port=40900 step_median=8)", or the errno for an
    /// error; numbers by name. Numbers the probe marked volatile go after <see cref="CompareRow.Varies"/>,
    /// where they are shown but not compared; shares are compared at one decimal (proportions of a
    /// random search, whose exact value is in probes.json).
    /// </summary>
    public static string Cell(ProbesFileCase c)
    {
        var head = c.Outcome == "error" && c.Errno is { Length: > 0 } errno ? errno : c.Outcome;
        if (c.Numbers is not { Count: > 0 } numbers)
        {
            return head;
        }
        var volatileNames = new HashSet<string>(c.Volatile ?? [], StringComparer.Ordinal);
        string Pair(KeyValuePair<string, double?> n) =>
            $"{n.Key}={(n.Value is not { } v ? "null" : n.Key.EndsWith("_share", StringComparison.Ordinal) ? v.ToString("0.#", CultureInfo.InvariantCulture) : Number(v))}";
        var ordered = numbers.OrderBy(n => n.Key, StringComparer.Ordinal).ToList();
        string stable = string.Join(' ', ordered.Where(n => !volatileNames.Contains(n.Key)).Select(Pair));
        string varies = string.Join(' ', ordered.Where(n => volatileNames.Contains(n.Key)).Select(Pair));
        string cell = stable.Length > 0 ? $"{head} · {stable}" : head;
        return varies.Length > 0 ? $"{cell}{CompareRow.Varies}{varies})" : cell;
    }

    /// <summary>Up to 4 decimals: enough to see a share change, few enough that float noise does not make every row differ.</summary>
    public static string Number(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
}
