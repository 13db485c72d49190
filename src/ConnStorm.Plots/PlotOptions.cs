namespace ConnStorm.Plots;

/// <summary>How the plots are drawn: formats, and a size in pixels that replaces each plot's own (null: the plot's default).</summary>
public sealed record PlotOptions
{
    public PlotFormats Formats { get; init; } = PlotFormats.Both;
    public int? Width { get; init; }
    public int? Height { get; init; }

    /// <summary>Smallest and largest size accepted, so a typo cannot ask for a gigapixel image.</summary>
    public const int MinPixels = 200, MaxPixels = 10_000;
}
