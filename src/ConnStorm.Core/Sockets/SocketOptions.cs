namespace ConnStorm.Sockets;

/// <summary>Linux socket option numbers (include/uapi/asm-generic/socket.h, linux/in.h, linux/in6.h).</summary>
public static class SocketOptions
{
    public const int AF_INET = 2;
    public const int AF_INET6 = 10;
    public const int SOCK_STREAM = 1;
    public const int SOCK_DGRAM = 2;
    public const int SOCK_NONBLOCK = 0x800;
    public const int SOCK_CLOEXEC = 0x80000;

    public const int SOL_SOCKET = 1;
    public const int SO_REUSEADDR = 2;
    public const int SO_ERROR = 4;
    public const int SO_LINGER = 13;
    public const int SO_REUSEPORT = 15;

    public const int SOL_IP = 0;
    /// <summary>Since 4.2: bind() records the address only; the port is chosen at connect().</summary>
    public const int IP_BIND_ADDRESS_NO_PORT = 24;
    /// <summary>Since 6.3 (6.1.32): per-socket port range, value (hi &lt;&lt; 16) | lo.</summary>
    public const int IP_LOCAL_PORT_RANGE = 51;

    public const int SOL_TCP = 6;
    /// <summary>struct tcp_info of the socket (linux/tcp.h).</summary>
    public const int TCP_INFO = 11;

    public const int SOL_IPV6 = 41;
    public const int IPV6_V6ONLY = 26;

    public const int SHUT_WR = 1;

}
