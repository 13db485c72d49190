using ConnStorm.Results;

namespace ConnStorm.Exporters;

/// <summary>
/// summary.md, the file a person reads first. A single run gets the run's summary; a sweep gets the
/// sweep's summary (verdicts first) and each run's own summary in its folder, which the runs table links.
/// </summary>
public sealed class SummaryExporter : FileExporter
{
    public override string Name => "summary";

    protected override IEnumerable<(string Relative, string Text)> Files(ResultsModel results)
    {
        if (results.Kind != ResultsKind.Runs || results.Runs.Count == 0)
        {
            yield break;
        }
        if (IsSingle(results))
        {
            yield return (ResultFiles.Summary, RunSummary.Render(RunFacts.Of(results, results.Runs[0])));
            yield break;
        }
        yield return (ResultFiles.Summary, SweepSummary.Render(SweepFacts.Of(results), PlotFile.In(results)));
        foreach (var row in results.Runs)
        {
            yield return (Path.Combine(row.RunDir, ResultFiles.Summary), RunSummary.Render(RunFacts.Of(results, row)));
        }
    }

    /// <summary>A single run keeps its files in the results folder itself (run_dir "."); a sweep's runs have folders of their own.</summary>
    public static bool IsSingle(ResultsModel results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return results.Runs is [{ RunDir: "." or "" }];
    }
}
