using ConnStorm.Results;
using ConnStorm.Results.Reductions;

namespace ConnStorm.Plots;

/// <summary>connect-cost (probes folder): connect() time against the fill of one destination's port space, as ratios to 10% full.</summary>
internal sealed class ConnectCostPlot : IPlot
{
    public string Name => "connect-cost";

    public Figure? Build(ResultsModel results)
    {
        if (results.Probes is not { } probes || ConnectCost.Of(probes) is not { } c)
        {
            return null;
        }
        var panels = ConnectCostPanels.Build([new ConnectCostPanels.Series($"Linux {probes.KernelRelease}", 0, c.Values!)]);
        return panels.Count == 0 ? null : new Figure("connect() cost as one destination's port space fills",
            $"Linux {probes.KernelRelease}: median time of the connects that took the fill through each 1%, ÷ the median at {ConnectCost.Reference}% full",
            panels, 2, 1600, 700);
    }
}
