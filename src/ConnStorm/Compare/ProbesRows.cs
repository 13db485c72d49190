using System.Globalization;

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

    /// <summary>"ok · calls=300 even_share=1 step_median=4", or the errno for an error; numbers by name, sorted.</summary>
    public static string Cell(ProbeCase c)
    {
        var head = c.Outcome == "error" && c.Errno is { Length: > 0 } errno ? errno : c.Outcome;
        if (c.Numbers is not { Count: > 0 } numbers)
        {
            return head;
        }
        var list = numbers.OrderBy(n => n.Key, StringComparer.Ordinal)
            .Select(n => $"{n.Key}={(n.Value is { } v ? Number(v) : "null")}");
        return $"{head} · {string.Join(' ', list)}";
    }

    /// <summary>Up to 4 decimals: enough to see a share change, few enough that float noise does not make every row differ.</summary>
    public static string Number(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
}
