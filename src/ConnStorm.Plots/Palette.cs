using ScottPlot;

namespace ConnStorm.Plots;

/// <summary>Fixed colours and markers, so the PNG and the SVG agree and an errno has one colour in every panel.</summary>
internal static class Palette
{
    private static readonly Color[] Series =
        [.. new[] { "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22" }.Select(Color.FromHex)];

    private static readonly Dictionary<string, Color> Errnos = new(StringComparer.Ordinal)
    {
        ["EADDRNOTAVAIL"] = Color.FromHex("#d62728"),
        ["EADDRINUSE"] = Color.FromHex("#ff7f0e"),
        ["EMFILE"] = Color.FromHex("#9467bd"),
        ["ENFILE"] = Color.FromHex("#e377c2"),
        ["ECONNREFUSED"] = Color.FromHex("#8c564b"),
        ["ETIMEDOUT"] = Color.FromHex("#17becf"),
        ["ECONNRESET"] = Color.FromHex("#2ca02c"),
        ["EOF"] = Color.FromHex("#bcbd22"),
    };

    /// <summary>Shapes that stay distinct where lines overlap: a smaller marker drawn inside a bigger one shows both.</summary>
    private static readonly MarkerShape[] Markers =
        [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond, MarkerShape.FilledTriangleDown, MarkerShape.Eks];

    /// <summary>Dashes let an overlapped line show through the gaps of the ones drawn over it.</summary>
    private static readonly LinePattern[] Patterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];

    public static Color ForSeries(int index) => Series[index % Series.Length];

    public static MarkerShape Marker(int index) => Markers[index % Markers.Length];

    public static LinePattern Pattern(int index) => Patterns[index % Patterns.Length];

    public static Color ForErrno(string name) => Errnos.GetValueOrDefault(name, Colors.Black);

    public static readonly Color Open = Color.FromHex("#1f77b4");
    public static readonly Color Even = Color.FromHex("#1f77b4");
    public static readonly Color Odd = Color.FromHex("#ff7f0e");
    public static readonly Color Reference = Color.FromHex("#555555");
    public static readonly Color Grid = Color.FromHex("#e4e4e4");
}
