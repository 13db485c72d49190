using System.Globalization;

namespace ConnStorm.Rules;

/// <summary>
/// The available memory (MemAvailable) a run keeps for the rest of the machine: while connecting,
/// a run whose host falls below it stops cleanly. Given as bytes with a binary suffix ("2G", "512M",
/// "64K", "1073741824") or as a share of MemTotal ("10%").
/// </summary>
public sealed record MemoryFloor(long? Bytes, double? Percent)
{
    /// <summary>The default share of MemTotal.</summary>
    public const double DefaultPercent = 10;

    /// <summary>The default's lower bound: 1 GiB.</summary>
    public const long DefaultMinimumBytes = 1L << 30;

    /// <summary>
    /// The default: 10% of MemTotal, at least 1 GiB. Why: the kernel itself needs free pages to
    /// reclaim and to allocate atomically (its min_free_kbytes watermarks are well under 1% here),
    /// the rest of the machine (the shell, ssh, the page cache of the tools) needs some, and a run
    /// that connects at ~60k/s grows by ~400 MB/s: between two checks (at most 50 ms) and the
    /// workers' stop (another few tens of ms) it takes well under 100 MB. 10% leaves that margin many
    /// times over on any size of machine, and 1 GiB keeps it on a small one.
    /// </summary>
    public static MemoryFloor Default { get; } = new(null, null);

    public bool IsDefault => Bytes is null && Percent is null;

    /// <summary>The floor in bytes on a machine with <paramref name="memTotalBytes"/> of memory.</summary>
    public long Resolve(long memTotalBytes) =>
        Bytes ?? (Percent is { } p ? (long)(memTotalBytes * p / 100)
            : Math.Max(DefaultMinimumBytes, (long)(memTotalBytes * DefaultPercent / 100)));

    /// <summary>How it was given, for the help and the summary: "10% of MemTotal, at least 1 GiB (default)", "2 GiB", "15% of MemTotal".</summary>
    public string Describe() =>
        Bytes is { } b ? Size(b) : Percent is { } p ? string.Create(CultureInfo.InvariantCulture, $"{p:0.##}% of MemTotal")
            : string.Create(CultureInfo.InvariantCulture, $"{DefaultPercent:0}% of MemTotal, at least {Size(DefaultMinimumBytes)}: the default");

    /// <summary>Parses "2G", "512M", "64K", "1073741824", "10%" (K, M, G, T: powers of 1024); null when it is none of these.</summary>
    public static MemoryFloor? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        string t = text.Trim();
        if (t.EndsWith('%'))
        {
            return double.TryParse(t[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double p) && p > 0 && p < 100
                ? new MemoryFloor(null, p)
                : null;
        }
        long unit = char.ToUpperInvariant(t[^1]) switch
        {
            'K' => 1L << 10,
            'M' => 1L << 20,
            'G' => 1L << 30,
            'T' => 1L << 40,
            _ => 1,
        };
        string number = unit == 1 ? t : t[..^1];
        if (number.EndsWith("i", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        return double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double n) && n >= 0 && n * unit < long.MaxValue / 2
            ? new MemoryFloor((long)(n * unit), null)
            : null;
    }

    /// <summary>What TryParse accepts, for error messages.</summary>
    public const string Expected = "a size such as 2G, 512M or 1073741824 (bytes; K, M, G, T are powers of 1024) or a share of MemTotal such as 10%";

    /// <summary>"2.4 GiB", "512 MiB", "900 KiB".</summary>
    public static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.##} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.#} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0} KiB"),
    };
}
