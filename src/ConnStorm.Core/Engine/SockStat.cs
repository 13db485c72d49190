using System.Buffers.Text;

namespace ConnStorm.Engine;

/// <summary>
/// The TIME_WAIT count of the namespace this process runs in: the <c>tw</c> field of the TCP
/// line of /proc/net/sockstat, which the kernel keeps per network namespace. The file is opened
/// once and read again from the start each time, because a worker at its descriptor limit
/// (EMFILE) could not open it then.
/// </summary>
public sealed class SockStat : IDisposable
{
    public const string Path = "/proc/net/sockstat";

    private readonly FileStream _file;
    private readonly byte[] _buffer = new byte[1024];

    private SockStat(FileStream file) => _file = file;

    /// <summary>Null where the file cannot be read (not Linux, no procfs).</summary>
    public static SockStat? TryOpen()
    {
        try
        {
            return new SockStat(new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1));
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

    /// <summary>TIME_WAIT sockets now, or -1 when the line cannot be read.</summary>
    public long TimeWait()
    {
        _file.Seek(0, SeekOrigin.Begin);
        int n = _file.Read(_buffer);
        return Parse(_buffer.AsSpan(0, n));
    }

    /// <summary>"TCP: inuse 5 orphan 0 tw 12 alloc 7 mem 1" → 12; -1 when there is no such field.</summary>
    public static long Parse(ReadOnlySpan<byte> text)
    {
        int tcp = text.IndexOf("TCP:"u8);
        if (tcp < 0)
        {
            return -1;
        }
        var line = text[tcp..];
        int end = line.IndexOf((byte)'\n');
        line = end < 0 ? line : line[..end];
        int tw = line.IndexOf(" tw "u8);
        return tw >= 0 && Utf8Parser.TryParse(line[(tw + 4)..], out long value, out _) ? value : -1;
    }

    public void Dispose() => _file.Dispose();
}
