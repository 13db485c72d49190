using System.Globalization;

namespace ConnStorm.Scenarios;

/// <summary>
/// Durations of the scenario language: "100ms", "3s", "1.5s", "2m", "1h", or a bare number of seconds.
/// </summary>
public static class Durations
{
    private static readonly (string Suffix, long Ticks)[] Units =
    [
        // "ms" before "m" and "s": the longest suffix that matches wins.
        ("ms", TimeSpan.TicksPerMillisecond),
        ("s", TimeSpan.TicksPerSecond),
        ("m", TimeSpan.TicksPerMinute),
        ("h", TimeSpan.TicksPerHour),
    ];

    /// <summary>Parses a duration; throws FormatException with a message fit for a scenario error.</summary>
    public static TimeSpan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim();
        if (t.StartsWith('-'))
        {
            throw new FormatException($"'{t}' is negative; a duration is 0 or more");
        }
        long unit = TimeSpan.TicksPerSecond;
        string number = t;
        foreach (var (suffix, ticks) in Units)
        {
            if (t.EndsWith(suffix, StringComparison.Ordinal))
            {
                unit = ticks;
                number = t[..^suffix.Length];
                break;
            }
        }
        if (number.Length == 0
            || !char.IsAsciiDigit(number[0]) && number[0] != '.'
            || !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value))
        {
            throw new FormatException($"'{t}' is not a duration (for example 100ms, 3s, 1.5s, 2m, 1h, or a number of seconds)");
        }
        double total = Math.Round(value * unit);
        // A week is far beyond any experiment; the bound keeps the arithmetic away from TimeSpan's limits.
        if (total > TimeSpan.TicksPerDay * 7)
        {
            throw new FormatException($"'{t}' is longer than 7 days");
        }
        return TimeSpan.FromTicks((long)total);
    }

    /// <summary>The largest whole unit that <see cref="Parse"/> reads back exactly: "3s", "100ms", "2m", "1500ms".</summary>
    public static string Format(TimeSpan duration)
    {
        long ticks = duration.Ticks;
        if (ticks == 0)
        {
            return "0s";
        }
        if (ticks % TimeSpan.TicksPerHour == 0)
        {
            return $"{ticks / TimeSpan.TicksPerHour}h";
        }
        if (ticks % TimeSpan.TicksPerMinute == 0)
        {
            return $"{ticks / TimeSpan.TicksPerMinute}m";
        }
        if (ticks % TimeSpan.TicksPerSecond == 0)
        {
            return $"{ticks / TimeSpan.TicksPerSecond}s";
        }
        if (ticks % TimeSpan.TicksPerMillisecond == 0)
        {
            return $"{ticks / TimeSpan.TicksPerMillisecond}ms";
        }
        return ((decimal)ticks / TimeSpan.TicksPerSecond).ToString(CultureInfo.InvariantCulture) + "s";
    }
}
