using System.Globalization;

namespace ConnStorm.Platform;

/// <summary>
/// Proportional set size (PSS) of processes, from /proc/PID/smaps_rollup (Linux 4.14+). PSS charges each
/// shared page to the processes mapping it in equal parts, so a sum over processes counts the shared
/// runtime and binary pages once: the honest figure for "these processes together", where a sum of
/// RSS would count them once per process.
/// </summary>
public static class ProcessMemory
{
    /// <summary>PSS of <paramref name="pid"/> in KiB; null when the process is gone or the file cannot be read.</summary>
    public static long? PssKb(int pid)
    {
        try
        {
            foreach (string line in File.ReadLines($"/proc/{pid}/smaps_rollup"))
            {
                if (line.StartsWith("Pss:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(4).Trim().TrimEnd("kB").Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return null;
    }

    /// <summary>The PSS sum (KiB) over <paramref name="pids"/> and how many of them could be read (live).</summary>
    public static (long TotalKb, int Processes) SumPssKb(IEnumerable<int> pids)
    {
        ArgumentNullException.ThrowIfNull(pids);
        long total = 0;
        int count = 0;
        foreach (int pid in pids)
        {
            if (PssKb(pid) is { } kb)
            {
                total += kb;
                count++;
            }
        }
        return (total, count);
    }
}
