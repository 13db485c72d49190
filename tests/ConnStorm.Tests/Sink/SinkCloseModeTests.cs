using System.Net.Sockets;
using System.Runtime.Versioning;
using ConnStorm.Scenarios;
using ConnStorm.Tests.TestSupport;

namespace ConnStorm.Tests.Sink;

/// <summary>The sink's close mode, which server-first churn uses so the TIME_WAIT is the sink's.</summary>
[SupportedOSPlatform("linux")]
public sealed class SinkCloseModeTests
{
    [LinuxFact]
    public void CloseMode_ClosesEachConnectionRightAfterAccept()
    {
        using var sink = RunningSink.Start(SinkMode.Close);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(sink.EndPoint);
        client.ReceiveTimeout = 5000;

        // 0 bytes: the sink's FIN, so the sink closed first.
        Assert.Equal(0, client.Receive(new byte[16]));
        Assert.True(RunningSink.WaitUntil(() => sink.Counters.Open == 0));
    }

    [LinuxFact]
    public void CloseMode_WithCloseAfter_EchoesThePayloadThenCloses()
    {
        using var sink = RunningSink.Start(SinkMode.Close, closeAfter: 8);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(sink.EndPoint);
        client.ReceiveTimeout = 5000;
        client.Send("12345678"u8.ToArray());

        var back = new byte[8];
        int got = 0;
        while (got < back.Length)
        {
            int n = client.Receive(back, got, back.Length - got, SocketFlags.None);
            Assert.True(n > 0, "the sink closed before echoing");
            got += n;
        }
        Assert.Equal("12345678"u8.ToArray(), back);
        Assert.Equal(0, client.Receive(new byte[16]));
    }
}
