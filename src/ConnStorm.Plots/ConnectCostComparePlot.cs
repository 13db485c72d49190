using ConnStorm.Results;
using ConnStorm.Results.Reductions;

namespace ConnStorm.Plots;

/// <summary>
/// connect-cost-compare: for each compared kernel, connect() time against the fill of one
/// destination's port space, as ratios to the cost at 10% full (ratios hold under emulation,
/// absolute times do not), and the ratios at 50, 90 and 99% side by side.
/// </summary>
internal sealed class ConnectCostComparePlot : IPlot
{
    public string Name => "connect-cost-compare";

    public Figure? Build(ResultsModel results)
    {
        if (results.Compare is not { IsRuns: false } compare || ConnectCost.Across(compare) is not { Count: > 0 } folders)
        {
            return null;
        }
        var series = folders.Select(f => new ConnectCostPanels.Series(
            $"({f.Folder.Number}) {f.Folder.Kernel}{(f.Folder.Where is { Length: > 0 } w ? $" ({w})" : "")}", f.Folder.Number - 1, f.Data.Values!)).ToList();
        var panels = ConnectCostPanels.Build(series);
        return panels.Count == 0 ? null : new Figure("connect() cost as one destination's port space fills, per kernel (ratio to the cost at 10% full)",
            CompareSubtitle.Of(compare), panels, 2, 1600, 700);
    }
}
