using ConnStorm.Plots;
using ConnStorm.Results;

namespace ConnStorm.Compare;

/// <summary>
/// Writes a report folder's records: compare.json, copies of each folder's summary files under
/// sources/, and per plot its data extract, .gp script and (with gnuplot) PNG and SVG. Everything a
/// reader or a rerun of a script needs is inside the folder.
/// </summary>
public static class CompareWriter
{
    public const string SourcesDir = "sources";

    /// <summary>Writes everything and renders the plots with the gnuplot on PATH; returns the files written (full paths).</summary>
    public static IReadOnlyList<string> Write(CompareReport report, string outDir) =>
        Write(report, outDir, Gnuplot.Find()).Files;

    /// <param name="gnuplot">The executable, or null to write the scripts without rendering (as on a machine without gnuplot).</param>
    internal static (IReadOnlyList<string> Files, IReadOnlyList<PlotResult> Plots) Write(CompareReport report, string outDir, string? gnuplot)
    {
        Directory.CreateDirectory(outDir);
        var files = new List<string>();
        files.AddRange(CopySources(report, outDir));

        var plots = new List<PlotResult>();
        foreach (var plot in All())
        {
            if (plot.Build(report) is not { } built)
            {
                continue;
            }
            var dataPath = Path.Combine(outDir, plot.DataFile);
            var scriptPath = Path.Combine(outDir, plot.Name + ".gp");
            File.WriteAllText(dataPath, built.Data);
            File.WriteAllText(scriptPath, built.Script);
            files.Add(dataPath);
            files.Add(scriptPath);
            var result = Render(plot.Name, scriptPath, gnuplot);
            plots.Add(result);
            if (result.Rendered)
            {
                files.Add(Path.Combine(outDir, plot.Name + ".png"));
                files.Add(Path.Combine(outDir, plot.Name + ".svg"));
            }
        }

        // compare.json last, so it lists only the images that were drawn; compare.md and
        // report.html are views of it, written by the exporters the command runs next.
        var images = plots.Where(p => p.Rendered).Select(p => p.Name).ToList();
        var json = Path.Combine(outDir, JsonReport.FileName);
        File.WriteAllText(json, JsonReport.Build(report, images));
        files.Insert(0, json);
        return (files, plots);
    }

    internal static IReadOnlyList<ComparePlot> All() => [new PortRangeComparePlot(), new PortSequenceComparePlot()];

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

    private static PlotResult Render(string name, string scriptPath, string? gnuplot)
    {
        if (gnuplot is null)
        {
            return new PlotResult(name, false, Gnuplot.MissingHint);
        }
        // Old images go first, so a failed render never leaves a stale picture that looks current.
        var dir = Path.GetDirectoryName(scriptPath)!;
        var png = Path.Combine(dir, name + ".png");
        File.Delete(png);
        File.Delete(Path.Combine(dir, name + ".svg"));
        var (exit, stderr) = Gnuplot.Run(gnuplot, scriptPath, PlotWriter.RenderTimeout);
        return exit == 0 && File.Exists(png)
            ? new PlotResult(name, true, null)
            : new PlotResult(name, false, $"gnuplot {name}.gp exited {exit}: {stderr.Trim()}");
    }
}
