using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace ConnStorm.Plots;

/// <summary>
/// A log axis for ScottPlot, which has none: the data is drawn as log10(value), and this places
/// major ticks at 1, 2 and 5 × 10^k with the values written out ("20,000"), minor ticks between.
/// </summary>
internal static class LogTicks
{
    public static double Log(double value) => Math.Log10(Math.Max(value, 1e-9));

    /// <summary>The tick values (not logs) from <paramref name="min"/> to <paramref name="max"/>: (value, major).</summary>
    public static IReadOnlyList<(double Value, bool Major)> Values(double min, double max, bool withTwoAndFive = true)
    {
        var ticks = new List<(double, bool)>();
        for (var k = (int)Math.Floor(Math.Log10(min)); k <= (int)Math.Ceiling(Math.Log10(max)); k++)
        {
            for (var m = 1; m <= 9; m++)
            {
                var v = m * Math.Pow(10, k);
                if (v >= min * 0.999 && v <= max * 1.001)
                {
                    ticks.Add((v, m == 1 || (withTwoAndFive && m is 2 or 5)));
                }
            }
        }
        return ticks;
    }

    /// <summary>A tick generator over log10 coordinates for the range [min, max] of values.</summary>
    public static NumericManual Generator(double min, double max)
    {
        // Over many decades 2 and 5 would crowd the labels.
        var decades = Math.Log10(max / min);
        var ticks = new NumericManual();
        foreach (var (value, major) in Values(min, max, decades <= 4))
        {
            if (major)
            {
                ticks.AddMajor(Log(value), Format(value));
            }
            else
            {
                ticks.AddMinor(Log(value));
            }
        }
        return ticks;
    }

    public static string Format(double value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);

    /// <summary>Sets a Y (or X) axis to show [min, max] on a log scale.</summary>
    public static void Apply(IAxis axis, double min, double max)
    {
        axis.TickGenerator = Generator(min, max);
        axis.Min = Log(min);
        axis.Max = Log(max);
    }
}
