namespace ConnStorm.Sockets;

/// <summary>
/// The one place where errno numbers get names (Linux x86-64 values). Failure records,
/// summaries and the README's troubleshooting table all read from here.
/// </summary>
public static class Errno
{
    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int EINTR = 4;
    public const int EBADF = 9;
    public const int EAGAIN = 11;
    public const int ENOMEM = 12;
    public const int EACCES = 13;
    public const int EFAULT = 14;
    public const int EINVAL = 22;
    public const int ENFILE = 23;
    public const int EMFILE = 24;
    public const int EPIPE = 32;
    public const int ENOPROTOOPT = 92;
    public const int EPROTONOSUPPORT = 93;
    public const int EOPNOTSUPP = 95;
    public const int EAFNOSUPPORT = 97;
    public const int EADDRINUSE = 98;
    public const int EADDRNOTAVAIL = 99;
    public const int ENETDOWN = 100;
    public const int ENETUNREACH = 101;
    public const int ECONNABORTED = 103;
    public const int ECONNRESET = 104;
    public const int ENOBUFS = 105;
    public const int EISCONN = 106;
    public const int ENOTCONN = 107;
    public const int ETIMEDOUT = 110;
    public const int ECONNREFUSED = 111;
    public const int EHOSTUNREACH = 113;
    public const int EALREADY = 114;
    public const int EINPROGRESS = 115;

    /// <summary>Not a kernel errno: the peer closed a held connection cleanly (read returned 0).</summary>
    public const int EOF = 0;

    private static readonly Dictionary<int, (string Name, string Meaning)> Table = new()
    {
        [EOF] = ("EOF", "the peer closed the connection"),
        [EPERM] = ("EPERM", "operation not permitted"),
        [ENOENT] = ("ENOENT", "no such file or directory"),
        [EINTR] = ("EINTR", "interrupted system call"),
        [EBADF] = ("EBADF", "bad file descriptor"),
        [EAGAIN] = ("EAGAIN", "resource temporarily unavailable"),
        [ENOMEM] = ("ENOMEM", "out of kernel memory"),
        [EACCES] = ("EACCES", "permission denied"),
        [EFAULT] = ("EFAULT", "bad address"),
        [EINVAL] = ("EINVAL", "invalid argument"),
        [ENFILE] = ("ENFILE", "system-wide file table full (fs.file-max)"),
        [EMFILE] = ("EMFILE", "per-process descriptor limit reached (RLIMIT_NOFILE)"),
        [EPIPE] = ("EPIPE", "broken pipe"),
        [ENOPROTOOPT] = ("ENOPROTOOPT", "socket option not supported by this kernel"),
        [EPROTONOSUPPORT] = ("EPROTONOSUPPORT", "protocol not supported"),
        [EOPNOTSUPP] = ("EOPNOTSUPP", "operation not supported"),
        [EAFNOSUPPORT] = ("EAFNOSUPPORT", "address family not supported"),
        [EADDRINUSE] = ("EADDRINUSE", "local address already in use"),
        [EADDRNOTAVAIL] = ("EADDRNOTAVAIL", "no free local port for this destination, or address not local"),
        [ENETDOWN] = ("ENETDOWN", "network is down"),
        [ENETUNREACH] = ("ENETUNREACH", "network unreachable"),
        [ECONNABORTED] = ("ECONNABORTED", "connection aborted"),
        [ECONNRESET] = ("ECONNRESET", "connection reset by peer"),
        [ENOBUFS] = ("ENOBUFS", "no buffer space available"),
        [EISCONN] = ("EISCONN", "already connected"),
        [ENOTCONN] = ("ENOTCONN", "not connected"),
        [ETIMEDOUT] = ("ETIMEDOUT", "connection timed out"),
        [ECONNREFUSED] = ("ECONNREFUSED", "connection refused (nothing listening)"),
        [EHOSTUNREACH] = ("EHOSTUNREACH", "host unreachable"),
        [EALREADY] = ("EALREADY", "operation already in progress"),
        [EINPROGRESS] = ("EINPROGRESS", "operation in progress"),
    };

    /// <summary>The symbolic name, e.g. 99 → "EADDRNOTAVAIL"; unknown numbers read "E123".</summary>
    public static string Name(int errno) => Table.TryGetValue(errno, out var e) ? e.Name : $"E{errno}";

    public static string Meaning(int errno) => Table.TryGetValue(errno, out var e) ? e.Meaning : "unknown error";

    public static bool TryParse(string name, out int errno)
    {
        foreach (var (number, entry) in Table)
        {
            if (string.Equals(entry.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                errno = number;
                return true;
            }
        }
        errno = -1;
        return false;
    }

    public static IEnumerable<int> Known => Table.Keys.Order();
}
