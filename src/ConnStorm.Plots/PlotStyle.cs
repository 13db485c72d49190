using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace ConnStorm.Plots;

/// <summary>What every panel shares: the font, text sizes, a light grid, whole-number tick labels.</summary>
internal static class PlotStyle
{
    public const float TitleSize = 14, LabelSize = 13, TickSize = 11, LegendSize = 11;

    public static Plot NewPanel(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title, TitleSize);
        plot.XLabel(xLabel, LabelSize);
        plot.YLabel(yLabel, LabelSize);
        plot.Grid.MajorLineColor = Palette.Grid;
        plot.Legend.FontSize = LegendSize;
        plot.Legend.OutlineColor = Colors.Gray;
        foreach (var axis in plot.Axes.GetAxes())
        {
            axis.TickLabelStyle.FontSize = TickSize;
        }
        return plot;
    }

    /// <summary>The key in one row above the data, where it covers nothing.</summary>
    public static void LegendAbove(Plot plot)
    {
        plot.ShowLegend(Edge.Top);
        // After ShowLegend, which sets its own orientation for the edge.
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.Legend.FontSize = 10;
        plot.Legend.Padding = new PixelPadding(4);
        plot.Legend.OutlineWidth = 0;
        plot.Legend.ShadowColor = Colors.Transparent;
    }

    /// <summary>A right axis with its label: room for the tick labels and the label beside them.</summary>
    public static void RightAxis(Plot plot, string label)
    {
        plot.Axes.Right.Label.Text = label;
        plot.Axes.Right.Label.FontSize = LabelSize;
        plot.Axes.Right.MinimumSize = 70;
    }

    /// <summary>Plain numbers with thousands separators (ScottPlot would write 1.6E+05).</summary>
    public static void WholeNumbers(IAxis axis) =>
        axis.TickGenerator = new NumericAutomatic { LabelFormatter = v => v.ToString("#,0.###", CultureInfo.InvariantCulture) };

    /// <summary>Names the font on every text of the plot; called last, once all plottables are added.</summary>
    public static void Finish(Plot plot)
    {
        plot.Font.Set(Fonts.Family);
        plot.Legend.FontName = Fonts.Family;
        foreach (var text in plot.GetPlottables<ScottPlot.Plottables.Text>())
        {
            text.LabelStyle.FontName = Fonts.Family;
        }
    }
}
