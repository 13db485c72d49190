using ConnStorm.Results;

namespace ConnStorm.Exporters;

/// <summary>A plot found in a results folder: its name and which pictures of it exist.</summary>
public sealed record PlotFile(string Name, string? Png, string? Svg)
{
    /// <summary>The picture a markdown file links: the PNG when there is one.</summary>
    public string Image => Png ?? Svg!;

    /// <summary>The known plots (<see cref="ResultFiles.PlotNames"/>) that have a NAME.png or NAME.svg in the folder now, in the known order.</summary>
    public static IReadOnlyList<PlotFile> In(ResultsModel results)
    {
        var found = new List<PlotFile>();
        foreach (var name in ResultFiles.PlotNames)
        {
            var png = ResultFiles.Plot(name, "png");
            var svg = ResultFiles.Plot(name, "svg");
            bool hasPng = File.Exists(results.PathOf(png));
            bool hasSvg = File.Exists(results.PathOf(svg));
            if (hasPng || hasSvg)
            {
                found.Add(new PlotFile(name, hasPng ? png : null, hasSvg ? svg : null));
            }
        }
        return found;
    }
}
