using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using ConnStorm.Sockets.Interop;
using static ConnStorm.Sockets.SocketOptions;

namespace ConnStorm.Sockets;

/// <summary>
/// Thin, allocation-free wrappers over the socket syscalls. Every call returns a value
/// &gt;= 0 on success and <c>-errno</c> on failure, the kernel's own convention, so the
/// engine can record the errno without exceptions on its hot path.
/// </summary>
[SupportedOSPlatform("linux")]
public static unsafe class RawSocket
{
    private static int Fail() => -Marshal.GetLastPInvokeError();

    /// <summary>A non-blocking, close-on-exec TCP socket of the address's family.</summary>
    public static int OpenTcp(int family, bool nonBlocking = true)
    {
        int type = SOCK_STREAM | SOCK_CLOEXEC | (nonBlocking ? SOCK_NONBLOCK : 0);
        int fd = Libc.Socket(family, type, 0);
        return fd >= 0 ? fd : Fail();
    }

    public static int OpenUdp(int family)
    {
        int fd = Libc.Socket(family, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        return fd >= 0 ? fd : Fail();
    }

    public static int SetInt(int fd, int level, int name, int value) =>
        Libc.SetSockOpt(fd, level, name, &value, sizeof(int)) == 0 ? 0 : Fail();

    /// <summary>Sets an option from raw bytes: lets a probe pass a wrong length on purpose.</summary>
    public static int SetBytes(int fd, int level, int name, ReadOnlySpan<byte> value)
    {
        fixed (byte* p = value)
        {
            return Libc.SetSockOpt(fd, level, name, p, (uint)value.Length) == 0 ? 0 : Fail();
        }
    }

    public static int GetInt(int fd, int level, int name, out int value)
    {
        int v = 0;
        uint len = sizeof(int);
        int rc = Libc.GetSockOpt(fd, level, name, &v, &len);
        value = v;
        return rc == 0 ? 0 : Fail();
    }

    /// <summary>
    /// A few fields of getsockopt(TCP_INFO) (struct tcp_info, linux/tcp.h): tcpi_state (1 = ESTABLISHED),
    /// tcpi_last_ack_recv (ms since the last ACK came in: for a connecting socket the SYN-ACK; in
    /// jiffies, so at 1000/HZ ms steps), tcpi_rtt (µs) and tcpi_total_retrans. Returns 0 or -errno.
    /// </summary>
    public static int TcpInfo(int fd, out TcpInfoFields info)
    {
        byte* buffer = stackalloc byte[TcpInfoFields.Bytes];
        uint len = TcpInfoFields.Bytes;
        int rc = Libc.GetSockOpt(fd, SOL_TCP, TCP_INFO, buffer, &len);
        info = rc == 0 && len >= TcpInfoFields.Bytes
            ? new TcpInfoFields(buffer[0], *(uint*)(buffer + 56), *(uint*)(buffer + 68), *(uint*)(buffer + 100))
            : default;
        return rc == 0 ? 0 : Fail();
    }

    /// <summary>SO_LINGER {on, seconds}; {1, 0} makes close() send RST and skip TIME_WAIT.</summary>
    public static int SetLinger(int fd, bool on, int seconds)
    {
        int* linger = stackalloc int[2] { on ? 1 : 0, seconds };
        return Libc.SetSockOpt(fd, SOL_SOCKET, SO_LINGER, linger, 8) == 0 ? 0 : Fail();
    }

    public static int GetLinger(int fd, out bool on, out int seconds)
    {
        int* linger = stackalloc int[2];
        uint len = 8;
        int rc = Libc.GetSockOpt(fd, SOL_SOCKET, SO_LINGER, linger, &len);
        on = linger[0] != 0;
        seconds = linger[1];
        return rc == 0 ? 0 : Fail();
    }

    /// <summary>IP_LOCAL_PORT_RANGE packs an inclusive range as (hi &lt;&lt; 16) | lo in a host-order uint32.</summary>
    public static int PackPortRange(int lo, int hi) => (int)(((uint)hi << 16) | (uint)lo);

    public static (int Lo, int Hi) UnpackPortRange(int value) => ((int)((uint)value & 0xFFFF), (int)((uint)value >> 16));

    public static int Bind(int fd, in SockAddr address)
    {
        fixed (SockAddr* a = &address)
        {
            return Libc.Bind(fd, (byte*)a, (uint)address.Length) == 0 ? 0 : Fail();
        }
    }

    /// <summary>Non-blocking connect: -EINPROGRESS means the handshake is under way.</summary>
    public static int Connect(int fd, in SockAddr address)
    {
        fixed (SockAddr* a = &address)
        {
            return Libc.Connect(fd, (byte*)a, (uint)address.Length) == 0 ? 0 : Fail();
        }
    }

    public static int Listen(int fd, int backlog) => Libc.Listen(fd, backlog) == 0 ? 0 : Fail();

    /// <summary>accept4 without the peer address; the new descriptor is non-blocking and close-on-exec.</summary>
    public static int Accept(int fd)
    {
        int r = Libc.Accept4(fd, null, null, SOCK_NONBLOCK | SOCK_CLOEXEC);
        return r >= 0 ? r : Fail();
    }

    public static int LocalAddress(int fd, out SockAddr address)
    {
        byte* buf = stackalloc byte[SockAddr.MaxLength];
        uint len = SockAddr.MaxLength;
        int rc = Libc.GetSockName(fd, buf, &len);
        address = rc == 0 ? SockAddr.FromKernel(new ReadOnlySpan<byte>(buf, SockAddr.MaxLength), (int)len) : default;
        return rc == 0 ? 0 : Fail();
    }

    public static int PeerAddress(int fd, out SockAddr address)
    {
        byte* buf = stackalloc byte[SockAddr.MaxLength];
        uint len = SockAddr.MaxLength;
        int rc = Libc.GetPeerName(fd, buf, &len);
        address = rc == 0 ? SockAddr.FromKernel(new ReadOnlySpan<byte>(buf, SockAddr.MaxLength), (int)len) : default;
        return rc == 0 ? 0 : Fail();
    }

    /// <summary>The pending error of a non-blocking connect (SO_ERROR), as a positive errno or 0.</summary>
    public static int PendingError(int fd)
    {
        int rc = GetInt(fd, SOL_SOCKET, SO_ERROR, out int err);
        return rc < 0 ? -rc : err;
    }

    public static int Read(int fd, Span<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            nint n = Libc.Read(fd, p, (nuint)buffer.Length);
            return n >= 0 ? (int)n : Fail();
        }
    }

    public static int Write(int fd, ReadOnlySpan<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            nint n = Libc.Write(fd, p, (nuint)buffer.Length);
            return n >= 0 ? (int)n : Fail();
        }
    }

    public static int Shutdown(int fd, int how) => Libc.Shutdown(fd, how) == 0 ? 0 : Fail();

    public static void Close(int fd) => Libc.Close(fd);
}

/// <summary>The fields of struct tcp_info ConnStorm reads (offsets 0, 56, 68 and 100 of the kernel's layout, stable since 2.6).</summary>
public readonly record struct TcpInfoFields(byte State, uint LastAckRecvMs, uint RttUs, uint TotalRetrans)
{
    public const int Bytes = 104;
    public const byte Established = 1;
}
