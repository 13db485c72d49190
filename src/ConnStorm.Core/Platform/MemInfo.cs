using System.Globalization;

namespace ConnStorm.Platform;

/// <summary>
/// The machine's memory as /proc/meminfo tells it: MemTotal, and the memory available to a run:
/// MemAvailable (the kernel's estimate of what can be allocated without swapping: free memory plus
/// reclaimable page cache and slab, since 3.14) minus SReclaimable. A held socket's inode
/// (sock_inode_cache) and dentry are reclaimable slab, so MemAvailable counts them as available
/// although nothing can free them while the connection is open: at millions of connections that
/// would put the floor gigabytes too low. Bytes.
/// </summary>
public sealed record MemInfo(long TotalBytes, long AvailableBytes)
{
    /// <summary>How the results name <see cref="AvailableBytes"/>.</summary>
    public const string AvailableName = "MemAvailable − SReclaimable";

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

    /// <summary>"MemTotal: 24684084 kB", "MemAvailable: 23629320 kB", "SReclaimable: 232484 kB" (kB means KiB there).</summary>
    public static MemInfo? Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        long? total = null, available = null, reclaimableSlab = null;
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
            else if (line.StartsWith("SReclaimable:", StringComparison.Ordinal))
            {
                reclaimableSlab = Kib(line, "SReclaimable:".Length);
            }
        }
        return total is not null && available is not null
            ? new MemInfo(total.Value, Math.Max(0, available.Value - (reclaimableSlab ?? 0)))
            : null;
    }

    private static long? Kib(string line, int from)
    {
        var parts = line[from..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 1 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long kb) ? kb * 1024 : null;
    }
}
