using System.Globalization;

namespace ConnStorm.Platform;

/// <summary>The effective capabilities of this process (CapEff in /proc/self/status).</summary>
public static class Capabilities
{
    /// <summary>CAP_SYS_ADMIN's bit (include/uapi/linux/capability.h).</summary>
    public const int SysAdminBit = 21;

    /// <summary>
    /// Whether this process holds CAP_SYS_ADMIN: the kernel exempts such a process from fs.file-max
    /// (alloc_empty_file checks capable(CAP_SYS_ADMIN) before failing with ENFILE). Its children
    /// (workers, sinks) inherit it. False when it cannot be read.
    /// </summary>
    public static bool HasSysAdmin()
    {
        try
        {
            return HasBit(File.ReadLines("/proc/self/status"), SysAdminBit);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>"CapEff:\t000001fffeffffff" → whether <paramref name="bit"/> is set.</summary>
    public static bool HasBit(IEnumerable<string> statusLines, int bit)
    {
        ArgumentNullException.ThrowIfNull(statusLines);
        foreach (string line in statusLines)
        {
            if (line.StartsWith("CapEff:", StringComparison.Ordinal))
            {
                return ulong.TryParse(line["CapEff:".Length..].Trim(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong caps)
                    && (caps & (1UL << bit)) != 0;
            }
        }
        return false;
    }
}
