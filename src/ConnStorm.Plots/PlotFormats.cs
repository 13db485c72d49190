namespace ConnStorm.Plots;

/// <summary>Which files a plot is drawn to.</summary>
[Flags]
public enum PlotFormats
{
    Png = 1,
    Svg = 2,
    Both = Png | Svg,
}
