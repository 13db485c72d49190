using System.Net;
using ConnStorm.Engine;
using ConnStorm.Scenarios;
using ConnStorm.Sockets;
using static ConnStorm.Sockets.SocketOptions;

namespace ConnStorm.Tests.Engine;

/// <summary>Each option is read back from the kernel with getsockopt after Apply.</summary>
public sealed class ClientSocketOptionsTests
{
    private static WorkerPlan Plan(Func<WorkerPlan, WorkerPlan> with) => with(new WorkerPlan { Targets = [IPEndPoint.Parse("127.0.0.1:9000")] });

    private static int Get(int fd, int level, int name)
    {
        Assert.Equal(0, RawSocket.GetInt(fd, level, name, out int value));
        return value;
    }

    private static void WithSocket(WorkerPlan plan, Action<int> check)
    {
        int fd = RawSocket.OpenTcp(AF_INET);
        Assert.True(fd >= 0, Errno.Name(-fd));
        try
        {
            Assert.Equal(0, ClientSocketOptions.Apply(fd, plan));
            check(fd);
        }
        finally
        {
            RawSocket.Close(fd);
        }
    }

    [Fact]
    public void Apply_WithNothingAsked_LeavesEveryOptionOff() =>
        WithSocket(Plan(p => p), fd =>
        {
            Assert.Equal(0, Get(fd, SOL_SOCKET, SO_REUSEADDR));
            Assert.Equal(0, Get(fd, SOL_SOCKET, SO_REUSEPORT));
            Assert.Equal(0, Get(fd, SOL_IP, IP_BIND_ADDRESS_NO_PORT));
            RawSocket.GetLinger(fd, out bool on, out _);
            Assert.False(on);
        });

    [Fact]
    public void Apply_WithReuseAddr_SetsSoReuseaddrAndLeavesSoReuseportOff() =>
        WithSocket(Plan(p => p with { ReuseAddr = true }), fd =>
        {
            Assert.NotEqual(0, Get(fd, SOL_SOCKET, SO_REUSEADDR));
            Assert.Equal(0, Get(fd, SOL_SOCKET, SO_REUSEPORT));
        });

    [Fact]
    public void Apply_WithBindAddressNoPort_SetsIpBindAddressNoPort() =>
        WithSocket(Plan(p => p with { BindAddressNoPort = true }), fd =>
            Assert.NotEqual(0, Get(fd, SOL_IP, IP_BIND_ADDRESS_NO_PORT)));

    [Fact]
    public void Apply_WithLocalPortRange_SetsIpLocalPortRangeAsHiShiftedOverLo()
    {
        var plan = Plan(p => p with { LocalPortRange = new PortRange(41000, 41999) });
        WithSocket(plan, fd =>
        {
            int value = Get(fd, SOL_IP, IP_LOCAL_PORT_RANGE);
            Assert.Equal((41000, 41999), RawSocket.UnpackPortRange(value));
        });
    }

    [Fact]
    public void Apply_WithLingerRst_SetsLingerOnWithZeroSeconds() =>
        WithSocket(Plan(p => p with { LingerRst = true }), fd =>
        {
            Assert.Equal(0, RawSocket.GetLinger(fd, out bool on, out int seconds));
            Assert.True(on);
            Assert.Equal(0, seconds);
        });

    [Fact]
    public void Apply_WithInvertedLocalPortRange_ReturnsTheKernelsEinval()
    {
        int fd = RawSocket.OpenTcp(AF_INET);
        try
        {
            int rc = ClientSocketOptions.Apply(fd, Plan(p => p with { LocalPortRange = new PortRange(42000, 41000) }));
            Assert.Equal(-Errno.EINVAL, rc);
        }
        finally
        {
            RawSocket.Close(fd);
        }
    }
}
