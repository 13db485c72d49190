using ConnStorm.Compare;
using ConnStorm.Exporters;
using ConnStorm.Results;

namespace ConnStorm.Kernels;

/// <summary>The one place where `probe --kernel` hands its per-kernel folders to the cross-kernel comparison.</summary>
internal static class CompareCallSite
{
    /// <summary>Writes the comparison of <paramref name="folders"/> into <c>outDir/compare</c> when there are two or more.</summary>
    public static void Compare(string outDir, IReadOnlyList<string> folders, TextWriter output, TextWriter log, IReadOnlyList<IExporter> exporters)
    {
        if (folders.Count < 2)
        {
            return;
        }
        try
        {
            string target = Path.Combine(outDir, "compare");
            var report = Comparer.Load(folders);
            CompareWriter.Write(report, target, () =>
            {
                var exported = ExportRun.All(exporters, ResultsModel.Open(target));
                foreach (var error in exported.Errors)
                {
                    log.WriteLine($"connstorm: {error}");
                }
                return exported.Files;
            });
            output.WriteLine($"comparison of {folders.Count} kernels: {Path.Combine(target, "compare.md")} ({report.DifferingCount} differing rows)");
        }
        catch (CompareException e)
        {
            log.WriteLine($"connstorm: the kernels could not be compared: {e.Message}");
        }
    }
}
