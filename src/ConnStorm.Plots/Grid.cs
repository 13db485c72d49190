using ConnStorm.Results.Reductions;

namespace ConnStorm.Plots;

/// <summary>The size of a grid of panels: big enough that each panel stays readable (about 480×340 each, at least 1400×900).</summary>
internal static class Grid
{
    public static (int Columns, int Width, int Height) For(int panels, int minWidth = 1400, int minHeight = 900, int cellWidth = 480, int cellHeight = 340)
    {
        var (rows, columns) = PanelPick.Grid(panels);
        return (columns, Math.Max(minWidth, columns * cellWidth), Math.Max(minHeight, rows * cellHeight + 60));
    }
}
