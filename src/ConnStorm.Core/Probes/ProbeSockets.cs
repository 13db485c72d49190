using System.Net;
using System.Runtime.Versioning;
using ConnStorm.Sockets;
using static ConnStorm.Sockets.SocketOptions;

namespace ConnStorm.Probes;

/// <summary>
/// The few socket moves probes are made of, each returning the kernel's answer (&gt;= 0 or
/// -errno) and tracking what it opens in the probe's environment. Sockets are blocking:
/// probes talk to listeners on loopback in their own namespace, where connect() completes at once.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ProbeSockets(ProbeEnvironment env)
{
    public static readonly IPAddress Loopback = IPAddress.Loopback;

    /// <summary>A TCP socket with the given options (SO_REUSEADDR / SO_REUSEPORT raw, never .NET's), or -errno.</summary>
    public int Tcp(int family = AF_INET, bool reuseAddr = false, bool reusePort = false, bool v6Only = false)
    {
        int fd = env.Track(RawSocket.OpenTcp(family, nonBlocking: false));
        if (fd < 0)
        {
            return fd;
        }
        if (reuseAddr) RawSocket.SetInt(fd, SOL_SOCKET, SO_REUSEADDR, 1);
        if (reusePort) RawSocket.SetInt(fd, SOL_SOCKET, SO_REUSEPORT, 1);
        if (family == AF_INET6) RawSocket.SetInt(fd, SOL_IPV6, IPV6_V6ONLY, v6Only ? 1 : 0);
        return fd;
    }

    public int Udp(int family = AF_INET) => env.Track(RawSocket.OpenUdp(family));

    public static int Bind(int fd, IPAddress address, int port) => RawSocket.Bind(fd, SockAddr.From(address, port));

    public static int Connect(int fd, IPAddress address, int port) => RawSocket.Connect(fd, SockAddr.From(address, port));

    public static int Listen(int fd, int backlog = 4096) => RawSocket.Listen(fd, backlog);

    /// <summary>A listener on address:port (port 0: the kernel picks), or -errno; <paramref name="port"/> gets the bound port.</summary>
    public int Listener(IPAddress address, ref int port, bool reuseAddr = true)
    {
        int fd = Tcp(address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? AF_INET6 : AF_INET, reuseAddr);
        if (fd < 0) return fd;
        int rc = Bind(fd, address, port);
        if (rc < 0) return rc;
        rc = Listen(fd);
        if (rc < 0) return rc;
        port = LocalPort(fd);
        return fd;
    }

    public static int LocalPort(int fd) => RawSocket.LocalAddress(fd, out var a) == 0 ? a.Port : -1;

    public void Close(int fd) => env.Close(fd);
}
