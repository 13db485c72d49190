using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace ConnStorm.Sockets.Interop;

/// <summary>
/// The socket calls ConnStorm makes itself, straight to libc, so that every option,
/// bind and connect is exactly the one asked for (no .NET Socket in between: its
/// ReuseAddress also sets SO_REUSEPORT on Linux). Each returns -1 and sets errno on failure.
/// </summary>
[SupportedOSPlatform("linux")]
internal static unsafe partial class Libc
{
    private const string LibC = "libc";

    [LibraryImport(LibC, EntryPoint = "socket", SetLastError = true)]
    internal static partial int Socket(int domain, int type, int protocol);

    [LibraryImport(LibC, EntryPoint = "setsockopt", SetLastError = true)]
    internal static partial int SetSockOpt(int fd, int level, int optname, void* optval, uint optlen);

    [LibraryImport(LibC, EntryPoint = "getsockopt", SetLastError = true)]
    internal static partial int GetSockOpt(int fd, int level, int optname, void* optval, uint* optlen);

    [LibraryImport(LibC, EntryPoint = "bind", SetLastError = true)]
    internal static partial int Bind(int fd, byte* addr, uint addrlen);

    [LibraryImport(LibC, EntryPoint = "connect", SetLastError = true)]
    internal static partial int Connect(int fd, byte* addr, uint addrlen);

    [LibraryImport(LibC, EntryPoint = "listen", SetLastError = true)]
    internal static partial int Listen(int fd, int backlog);

    [LibraryImport(LibC, EntryPoint = "accept4", SetLastError = true)]
    internal static partial int Accept4(int fd, byte* addr, uint* addrlen, int flags);

    [LibraryImport(LibC, EntryPoint = "getsockname", SetLastError = true)]
    internal static partial int GetSockName(int fd, byte* addr, uint* addrlen);

    [LibraryImport(LibC, EntryPoint = "getpeername", SetLastError = true)]
    internal static partial int GetPeerName(int fd, byte* addr, uint* addrlen);

    [LibraryImport(LibC, EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    [LibraryImport(LibC, EntryPoint = "read", SetLastError = true)]
    internal static partial nint Read(int fd, byte* buf, nuint count);

    [LibraryImport(LibC, EntryPoint = "write", SetLastError = true)]
    internal static partial nint Write(int fd, byte* buf, nuint count);

    [LibraryImport(LibC, EntryPoint = "shutdown", SetLastError = true)]
    internal static partial int Shutdown(int fd, int how);
}
