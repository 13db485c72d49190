using ConnStorm.Results;

namespace ConnStorm.Plots;

/// <summary>One plot: drawn from a results model's reduced data only.</summary>
internal interface IPlot
{
    /// <summary>The file name without extension: "port-range".</summary>
    string Name { get; }

    /// <summary>The figure, or null when the folder holds nothing this plot can show.</summary>
    Figure? Build(ResultsModel results);
}
