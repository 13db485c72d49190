using System.Runtime.Versioning;
using ConnStorm.Sockets;
using static ConnStorm.Sockets.SocketOptions;

namespace ConnStorm.Engine;

/// <summary>
/// The options a client socket gets before bind()/connect(), set exactly as the plan
/// asks and nothing more. Returns 0 or -errno of the first option the kernel refused.
/// </summary>
[SupportedOSPlatform("linux")]
public static class ClientSocketOptions
{
    public static int Apply(int fd, WorkerPlan plan)
    {
        int rc;
        // Raw SO_REUSEADDR: .NET's SocketOptionName.ReuseAddress would also set SO_REUSEPORT on Linux.
        if (plan.ReuseAddr && (rc = RawSocket.SetInt(fd, SOL_SOCKET, SO_REUSEADDR, 1)) < 0)
        {
            return rc;
        }
        if (plan.BindAddressNoPort && (rc = RawSocket.SetInt(fd, SOL_IP, IP_BIND_ADDRESS_NO_PORT, 1)) < 0)
        {
            return rc;
        }
        if (plan.LocalPortRange is { } range &&
            (rc = RawSocket.SetInt(fd, SOL_IP, IP_LOCAL_PORT_RANGE, RawSocket.PackPortRange(range.Lo, range.Hi))) < 0)
        {
            return rc;
        }
        if (plan.LingerRst && (rc = RawSocket.SetLinger(fd, true, 0)) < 0)
        {
            return rc;
        }
        return 0;
    }
}
