using System.Globalization;
using ConnStorm.Results;

namespace ConnStorm.Verdicts;

/// <summary>How verdict details write numbers and run shapes, so every claim reads alike.</summary>
internal static class Say
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Thousands separators, invariant: 193536 → "193,536".</summary>
    public static string N(long value) => value.ToString("N0", Inv);

    /// <summary>"1 destination", "3 destinations".</summary>
    public static string Count(long value, string singular, string plural) => N(value) + " " + (value == 1 ? singular : plural);

    /// <summary>A bound source IP count of 0 means the kernel chose one address.</summary>
    public static int SourceIps(RunRow row) => Math.Max(1, row.SourceIps);

    /// <summary>The counts the port rules depend on: "range 28,232, 2 destinations, 1 source IP".</summary>
    public static string Shape(RunRow row)
    {
        var parts = new List<string>(4);
        if (row.SourcePorts is > 0 and var ports)
        {
            parts.Add(Count(ports, "source port", "source ports"));
        }
        else if (row.PortRangeSize is { } range)
        {
            parts.Add("range " + N(range));
        }
        parts.Add(Count(row.Targets, "destination", "destinations"));
        parts.Add(Count(SourceIps(row), "source IP", "source IPs"));
        return string.Join(", ", parts);
    }

    /// <summary>"EADDRNOTAVAIL in connect", or "no failure".</summary>
    public static string Failure(string? errno, string? phase) =>
        errno is null ? "no failure" : phase is null ? errno : errno + " in " + phase;

    public static string Run(RunRow row) => "run " + row.Run.ToString(Inv);
}
