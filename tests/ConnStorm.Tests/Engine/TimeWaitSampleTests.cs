using System.Text;
using ConnStorm.Engine;

namespace ConnStorm.Tests.Engine;

public class TimeWaitSampleTests
{
    [Fact]
    public void Parse_OfASockstatFile_ReadsTheTwFieldOfTheTcpLine()
    {
        const string Text = "sockets: used 140\nTCP: inuse 5 orphan 0 tw 1234 alloc 9 mem 2\nUDP: inuse 1 mem 0\n";

        Assert.Equal(1234, SockStat.Parse(Encoding.ASCII.GetBytes(Text)));
    }

    [Fact]
    public void Parse_WithoutATcpLine_IsMinusOne()
    {
        Assert.Equal(-1, SockStat.Parse("UDP: inuse 1 mem 0\n"u8));
    }

    [Fact]
    public void TimeWaitLine_RoundTripsItsTimeAndCount()
    {
        string line = WorkerProtocol.FormatTimeWait(1_500_000, 42);

        Assert.True(WorkerProtocol.TryParseTimeWait(line, out double tMs, out long tw));
        Assert.Equal(1500, tMs);
        Assert.Equal(42, tw);
        Assert.False(WorkerProtocol.TryParseTimeWait("H 3", out _, out _));
    }

    [SkippableFact]
    public void TimeWait_OfThisNamespace_IsReadAgainFromTheOneOpenFile()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "reads /proc/net/sockstat: needs Linux");
        using var sockstat = SockStat.TryOpen();

        Assert.NotNull(sockstat);
        Assert.True(sockstat.TimeWait() >= 0);
        Assert.True(sockstat.TimeWait() >= 0);
    }
}
