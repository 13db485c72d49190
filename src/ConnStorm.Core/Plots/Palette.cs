namespace ConnStorm.Plots;

/// <summary>Fixed colours, so the PNG and the SVG agree and an errno has one colour in every panel.</summary>
internal static class Palette
{
    private static readonly string[] Series =
        ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"];

    private static readonly Dictionary<string, string> Errnos = new(StringComparer.Ordinal)
    {
        ["EADDRNOTAVAIL"] = "#d62728",
        ["EADDRINUSE"] = "#ff7f0e",
        ["EMFILE"] = "#9467bd",
        ["ENFILE"] = "#e377c2",
        ["ECONNREFUSED"] = "#8c564b",
        ["ETIMEDOUT"] = "#17becf",
        ["ECONNRESET"] = "#2ca02c",
        ["EOF"] = "#bcbd22",
    };

    /// <summary>Filled circle, square, triangle, diamond, inverted triangle, pentagon: distinct even where lines overlap.</summary>
    private static readonly int[] Points = [7, 5, 9, 13, 11, 15];

    public static string ForSeries(int index) => Series[index % Series.Length];

    public static int PointType(int index) => Points[index % Points.Length];

    public static string ForErrno(string name) => Errnos.GetValueOrDefault(name, "#000000");

    /// <summary>The line of open connections in the timeline.</summary>
    public const string Open = "#1f77b4";

    public const string Even = "#1f77b4";

    public const string Odd = "#ff7f0e";

    public const string Reference = "#555555";
}
