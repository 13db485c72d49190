using System.Globalization;
using System.Reflection;

namespace ConnStorm.Results;

/// <summary>Facts about the machine and the tool for the manifest. Each one degrades to empty/null rather than failing a run.</summary>
public static class SystemFacts
{
    public static int Cores => Environment.ProcessorCount;

    /// <summary>/proc/sys/kernel/osrelease, e.g. "6.8.0-45-generic".</summary>
    public static string KernelRelease() => ReadTrimmed("/proc/sys/kernel/osrelease") ?? Environment.OSVersion.Version.ToString();

    public static string Hostname() => ReadTrimmed("/proc/sys/kernel/hostname") ?? Environment.MachineName;

    /// <summary>MemTotal from /proc/meminfo, in bytes; null when unreadable.</summary>
    public static long? MemoryBytes()
    {
        try
        {
            return ParseMemTotal(File.ReadLines("/proc/meminfo"));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The assembly's informational version (the build metadata after '+' kept: it names the commit).</summary>
    public static string ToolVersion() =>
        typeof(SystemFacts).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(SystemFacts).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>"MemTotal:       16318412 kB" → 16710053888.</summary>
    internal static long? ParseMemTotal(IEnumerable<string> meminfoLines)
    {
        foreach (var line in meminfoLines)
        {
            if (!line.StartsWith("MemTotal:", StringComparison.Ordinal))
            {
                continue;
            }
            var parts = line["MemTotal:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 1 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kb))
            {
                // /proc/meminfo says "kB" but means KiB.
                return parts.Length >= 2 && parts[1] == "kB" ? kb * 1024 : kb;
            }
        }
        return null;
    }

    private static string? ReadTrimmed(string path)
    {
        try
        {
            var text = File.ReadAllText(path).Trim();
            return text.Length == 0 ? null : text;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
