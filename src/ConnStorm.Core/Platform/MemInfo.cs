using System.Globalization;

namespace ConnStorm.Platform;

/// <summary>
/// The machine's memory as /proc/meminfo tells it: MemTotal, and MemAvailable (the kernel's own
/// estimate of what can be allocated without swapping: free memory plus reclaimable page cache and
/// slab, since 3.14). Bytes.
/// </summary>
public sealed record MemInfo(long TotalBytes, long AvailableBytes)
{
    public const string Path = "/proc/meminfo";

    /// <summary>Null where the file cannot be read or lacks either line.</summary>
    public static MemInfo? Read()
    {
        try
        {
            return Parse(File.ReadLines(Path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>"MemTotal: 24684084 kB", "MemAvailable: 23629320 kB" (kB means KiB there).</summary>
    public static MemInfo? Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        long? total = null, available = null;
        foreach (string line in lines)
        {
            if (line.StartsWith("MemTotal:", StringComparison.Ordinal))
            {
                total = Kib(line, "MemTotal:".Length);
            }
            else if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
            {
                available = Kib(line, "MemAvailable:".Length);
            }
            if (total is not null && available is not null)
            {
                return new MemInfo(total.Value, available.Value);
            }
        }
        return null;
    }

    private static long? Kib(string line, int from)
    {
        var parts = line[from..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 1 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long kb) ? kb * 1024 : null;
    }
}
