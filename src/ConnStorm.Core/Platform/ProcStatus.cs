using System.Globalization;

namespace ConnStorm.Platform;

/// <summary>Memory figures of a process from /proc/PID/status.</summary>
internal static class ProcStatus
{
    /// <summary>VmHWM: the process's peak resident set, KiB; 0 when the process is gone.</summary>
    public static long PeakKb(int pid) => Field(pid, "VmHWM:");

    /// <summary>VmRSS: the process's resident set now, KiB; 0 when the process is gone.</summary>
    public static long RssKb(int pid) => Field(pid, "VmRSS:");

    /// <summary>
    /// RssAnon: the anonymous part of the resident set (heap, arrays), KiB; 0 when the process is gone.
    /// Unlike VmRSS it does not shrink when the kernel, short of memory, drops the binary's file-backed pages.
    /// </summary>
    public static long AnonKb(int pid) => Field(pid, "RssAnon:");

    private static long Field(int pid, string name)
    {
        try
        {
            foreach (string line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(name, StringComparison.Ordinal))
                {
                    return long.Parse(line[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }
        return 0;
    }
}
