using System.Globalization;
using ConnStorm.Results;

namespace ConnStorm.Compare;

/// <summary>Runs folders: one row per (variant, port range size, targets, source IPs).</summary>
internal static class RunsRows
{
    public static CompareColumn Column(int number, FolderIdentity id, string name)
    {
        var manifest = ManifestWriter.Read(Path.Combine(id.Dir, ManifestWriter.FileName));
        return new CompareColumn(number, id.Dir, name, CompareKind.Runs, id.Schema, manifest.KernelRelease, manifest.Hostname)
        {
            ToolVersion = manifest.ToolVersion,
            Runs = RunsCsv.Read(Path.Combine(id.Dir, RunsCsv.FileName)),
        };
    }

    public static IReadOnlyList<CompareRow> Build(IReadOnlyList<CompareColumn> columns) =>
        Comparer.Align(
            CompareTable.Runs,
            [.. columns.Select(c => (IReadOnlyList<((string, int?, int, int) Key, string Cell)>)[.. c.Runs.Select(r => ((r.Variant, r.PortRangeSize, r.Targets, r.SourceIps), Cell(r)))])],
            k => [k.Item1, k.Item2?.ToString(CultureInfo.InvariantCulture) ?? "—", k.Item3.ToString(CultureInfo.InvariantCulture), k.Item4.ToString(CultureInfo.InvariantCulture)]);

    /// <summary>"1000, EADDRNOTAVAIL in connect": how many were held and what stopped the run.</summary>
    public static string Cell(RunRow r)
    {
        var held = r.MaxEstablished.ToString(CultureInfo.InvariantCulture);
        var failure = r.FirstFailureErrno is { Length: > 0 } errno
            ? r.FirstFailurePhase is { Length: > 0 } phase ? $"{errno} in {phase}" : errno
            : "no failure";
        // An interrupted run did not reach its end: its numbers are not comparable as they stand.
        return $"{held}, {failure}{(r.Interrupted ? " (interrupted)" : "")}";
    }
}
