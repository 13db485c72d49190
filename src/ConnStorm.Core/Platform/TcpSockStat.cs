using System.Globalization;

namespace ConnStorm.Platform;

/// <summary>
/// The TCP line of /proc/PID/net/sockstat, read in the network namespace of process PID:
/// "TCP: inuse 5 orphan 0 tw 12 alloc 7 mem 1". inuse and tw count that namespace's sockets;
/// alloc and mem (pages of socket buffers, tcp_memory_allocated) are the whole machine's.
/// </summary>
public sealed record TcpSockStat(long InUse, long TimeWait, long Allocated, long MemPages)
{
    /// <summary>Null when the file cannot be read (the process is gone) or has no TCP line.</summary>
    public static TcpSockStat? Read(int pid)
    {
        try
        {
            return Parse(File.ReadAllText($"/proc/{pid}/net/sockstat"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static TcpSockStat? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (string line in text.Split('\n'))
        {
            if (!line.StartsWith("TCP:", StringComparison.Ordinal))
            {
                continue;
            }
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long Field(string name)
            {
                int i = Array.IndexOf(f, name);
                return i > 0 && i + 1 < f.Length && long.TryParse(f[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out long v) ? v : -1;
            }
            return new TcpSockStat(Field("inuse"), Field("tw"), Field("alloc"), Field("mem"));
        }
        return null;
    }
}
