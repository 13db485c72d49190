using System.Runtime.Versioning;
using ConnStorm.Lab;
using ConnStorm.Sockets;

namespace ConnStorm.Probes;

/// <summary>
/// What a probe may touch: the sysctls of its own namespace (whitelisted keys only, restored
/// when the probe ends, so probes run one after another in a VM do not leak into each other),
/// and the descriptors it opens through <see cref="Track"/>, closed when it ends.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ProbeEnvironment : IDisposable
{
    private readonly Dictionary<string, string> _saved = new(StringComparer.Ordinal);
    private readonly List<int> _fds = [];

    /// <summary>Writes a namespace sysctl (the probe runs inside the namespace, so /proc/sys/net is its own).</summary>
    public void SetSysctl(string key, string value)
    {
        if (!SysctlWhitelist.IsAllowed(key))
        {
            throw new ArgumentException($"{key} is not a per-namespace sysctl a probe may set", nameof(key));
        }
        if (!_saved.ContainsKey(key))
        {
            _saved[key] = ReadSysctl(key);
        }
        File.WriteAllText(SysctlWhitelist.ProcPath(key), value);
    }

    public static string ReadSysctl(string key)
    {
        try
        {
            string text = File.ReadAllText(SysctlWhitelist.ProcPath(key)).Trim();
            return string.Join(' ', text.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>Remembers a descriptor so it is closed when the probe ends; returns it (or a negative errno unchanged).</summary>
    public int Track(int fd)
    {
        if (fd >= 0)
        {
            _fds.Add(fd);
        }
        return fd;
    }

    /// <summary>Closes one tracked descriptor now (e.g. to leave a TIME_WAIT behind).</summary>
    public void Close(int fd)
    {
        if (_fds.Remove(fd))
        {
            RawSocket.Close(fd);
        }
    }

    public void Dispose()
    {
        foreach (int fd in _fds)
        {
            RawSocket.Close(fd);
        }
        _fds.Clear();
        foreach (var (key, value) in _saved)
        {
            try
            {
                File.WriteAllText(SysctlWhitelist.ProcPath(key), value);
            }
            catch (IOException)
            {
            }
        }
        _saved.Clear();
    }
}
