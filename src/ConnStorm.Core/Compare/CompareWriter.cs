using ConnStorm.Results;

namespace ConnStorm.Compare;

/// <summary>
/// Writes a report folder's records: compare.json and copies of each folder's summary files under
/// sources/ (what the plots are drawn from, so the folder re-plots on its own). The exporters the
/// command passes in draw the plots and write compare.md and report.html, which are views of them.
/// </summary>
public static class CompareWriter
{
    public const string SourcesDir = CompareFile.SourcesDir;

    /// <summary>
    /// Writes everything; <paramref name="drawPlots"/> (the exporters, run by the command) draws the
    /// plots once compare.json and the sources are there, and returns the files it wrote. Returns the
    /// files written (full paths).
    /// </summary>
    public static IReadOnlyList<string> Write(CompareReport report, string outDir, Func<IReadOnlyList<string>>? drawPlots = null)
    {
        Directory.CreateDirectory(outDir);
        var files = new List<string>();
        files.AddRange(CopySources(report, outDir));
        var json = Path.Combine(outDir, JsonReport.FileName);
        File.WriteAllText(json, JsonReport.Build(report, []));
        var drawn = drawPlots?.Invoke() ?? [];
        files.AddRange(drawn);

        // compare.json again, naming only the images that were drawn.
        var images = drawn.Where(f => f.EndsWith(".png", StringComparison.Ordinal)).Select(Path.GetFileNameWithoutExtension).OfType<string>().ToList();
        File.WriteAllText(json, JsonReport.Build(report, images));
        files.Insert(0, json);
        return files;
    }

    /// <summary>sources/N/: the files the comparison was made from (not the per-run logs, which can be hundreds of MB).</summary>
    private static IEnumerable<string> CopySources(CompareReport report, string outDir)
    {
        string[] names = report.Kind == CompareKind.Runs ? [ManifestWriter.FileName, RunsCsv.FileName] : [ProbesFile.FileName];
        foreach (var column in report.Columns)
        {
            var dir = Path.Combine(outDir, SourcesDir, column.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Directory.CreateDirectory(dir);
            foreach (var name in names)
            {
                var to = Path.Combine(dir, name);
                File.Copy(Path.Combine(column.Dir, name), to, overwrite: true);
                yield return to;
            }
        }
    }
}
