using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using ConnStorm.Scenarios;
using ConnStorm.Sink;
using ConnStorm.Sockets;
using ConnStorm.Tests.TestSupport;

namespace ConnStorm.Tests.Sink;

[SupportedOSPlatform("linux")]
public sealed class SinkServerTests
{
    private static Socket Connect(IPEndPoint ep)
    {
        var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
        {
            ReceiveTimeout = 5000,
            SendTimeout = 5000,
        };
        s.Connect(ep);
        return s;
    }

    [LinuxFact]
    public void Hold_mode_keeps_every_connection_open_until_its_client_closes()
    {
        using var sink = RunningSink.Start(SinkMode.Hold);
        var clients = Enumerable.Range(0, 50).Select(_ => Connect(sink.EndPoint)).ToList();
        try
        {
            Assert.True(RunningSink.WaitUntil(() => sink.Counters.Open == 50), $"open={sink.Counters.Open}");
            Assert.Equal(50, sink.Counters.Accepted);

            foreach (var c in clients.Take(20))
            {
                c.Close();
            }
            Assert.True(RunningSink.WaitUntil(() => sink.Counters.Closed == 20), $"closed={sink.Counters.Closed}");
            Assert.Equal(30, sink.Counters.Open);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    [LinuxFact]
    public void Hold_mode_notices_a_reset_as_well_as_a_clean_close()
    {
        using var sink = RunningSink.Start(SinkMode.Hold);
        using var client = Connect(sink.EndPoint);
        Assert.True(RunningSink.WaitUntil(() => sink.Counters.Open == 1));
        // Linger {on, 0}: close sends RST instead of FIN.
        client.LingerState = new LingerOption(true, 0);
        client.Close();
        Assert.True(RunningSink.WaitUntil(() => sink.Counters.Open == 0 && sink.Counters.Closed == 1));
    }

    [LinuxFact]
    public void Echo_mode_returns_the_bytes_it_receives()
    {
        using var sink = RunningSink.Start(SinkMode.Echo);
        using var client = Connect(sink.EndPoint);
        byte[] hello = "hello, sink"u8.ToArray();
        client.Send(hello);
        var back = new byte[hello.Length];
        int got = 0;
        while (got < back.Length)
        {
            int n = client.Receive(back, got, back.Length - got, SocketFlags.None);
            Assert.True(n > 0, "the sink closed before echoing");
            got += n;
        }
        Assert.Equal(hello, back);
        Assert.True(RunningSink.WaitUntil(() => sink.Counters.EchoedBytes == hello.Length));
    }

    [LinuxFact]
    public void Echo_mode_returns_a_large_stream_intact_even_when_its_writes_fill_the_socket()
    {
        using var sink = RunningSink.Start(SinkMode.Echo);
        using var client = Connect(sink.EndPoint);
        // Far more than the socket buffers hold while the client is busy sending: the sink must keep its
        // unsent bytes and stop reading until there is room, or the stream would come back short.
        byte[] data = RandomNumberGenerator.GetBytes(8 * 1024 * 1024);
        var sender = Task.Run(() =>
        {
            client.Send(data);
            client.Shutdown(SocketShutdown.Send);
        });
        using var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int n;
        while ((n = client.Receive(buffer)) > 0)
        {
            received.Write(buffer, 0, n);
        }
        Assert.True(sender.Wait(TimeSpan.FromSeconds(10)));
        Assert.Equal(data.Length, received.Length);
        Assert.Equal(SHA256.HashData(data), SHA256.HashData(received.ToArray()));
        // After the half-close and the full echo the sink closes its side: that is the 0 read above.
        Assert.True(RunningSink.WaitUntil(() => sink.Counters.Closed == 1));
        Assert.Equal(data.Length, sink.Counters.EchoedBytes);
    }

    [LinuxFact]
    public void No_accept_mode_lets_the_kernel_complete_handshakes_without_accepting()
    {
        using var sink = RunningSink.Start(SinkMode.NoAccept);
        var clients = Enumerable.Range(0, 5).Select(_ => Connect(sink.EndPoint)).ToList();
        try
        {
            Assert.All(clients, c => Assert.True(c.Connected));
            Thread.Sleep(300);
            Assert.Equal(0, sink.Counters.Accepted);
            Assert.Equal(0, sink.Counters.Open);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    [LinuxFact]
    public void A_second_sink_on_the_same_port_without_reuseport_fails_with_EADDRINUSE()
    {
        using var first = RunningSink.Start(SinkMode.Hold);
        using var second = new SinkServer(new SinkOptions { Listen = [first.EndPoint] }, TextWriter.Null);
        var e = Assert.Throws<SinkException>(second.Start);
        Assert.Equal(Errno.EADDRINUSE, e.Errno);
        Assert.Equal(first.EndPoint, e.Endpoint);
        Assert.Contains("EADDRINUSE", e.Message);
        Assert.Contains($"127.0.0.1:{first.EndPoint.Port}", e.Message);
    }

    [LinuxFact]
    public void Two_sinks_with_reuseport_share_a_port_and_both_accept()
    {
        using var first = RunningSink.Start(SinkMode.Hold, reusePort: true);
        using var second = RunningSink.Start(SinkMode.Hold, reusePort: true, port: first.EndPoint.Port);
        Assert.Equal(first.EndPoint, second.EndPoint);
        // The kernel spreads connections over the group by a hash of the 4-tuple, so enough of them reach both.
        var clients = Enumerable.Range(0, 64).Select(_ => Connect(first.EndPoint)).ToList();
        try
        {
            Assert.True(RunningSink.WaitUntil(() => first.Counters.Accepted + second.Counters.Accepted == 64));
            Assert.True(first.Counters.Accepted > 0 && second.Counters.Accepted > 0);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    [LinuxFact]
    public void An_address_this_host_does_not_have_fails_with_EADDRNOTAVAIL()
    {
        // 192.0.2.0/24 is TEST-NET-1: never assigned to a real interface. Binding sends nothing.
        using var sink = new SinkServer(new SinkOptions { Listen = [new IPEndPoint(IPAddress.Parse("192.0.2.1"), 9)] }, TextWriter.Null);
        var e = Assert.Throws<SinkException>(sink.Start);
        Assert.Equal(Errno.EADDRNOTAVAIL, e.Errno);
    }

    [SkippableFact]
    public void An_IPv6_wildcard_listener_leaves_the_IPv4_port_free_because_it_is_v6_only()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "needs Linux");
        Skip.IfNot(Socket.OSSupportsIPv6, "IPv6 is not available on this machine (Socket.OSSupportsIPv6 is false)");
        using var v6 = new SinkServer(new SinkOptions { Listen = [new IPEndPoint(IPAddress.IPv6Any, 0)] }, TextWriter.Null);
        v6.Start();
        int port = v6.BoundEndpoints[0].Port;
        // Without IPV6_V6ONLY the [::] listener would also own 0.0.0.0:port and this bind would fail.
        using var v4 = new SinkServer(new SinkOptions { Listen = [new IPEndPoint(IPAddress.Any, port)] }, TextWriter.Null);
        v4.Start();
        Assert.Equal(port, v4.BoundEndpoints[0].Port);
    }

    [LinuxFact]
    public void Every_endpoint_gets_its_own_listener()
    {
        using var sink = new SinkServer(
            new SinkOptions { Listen = [new IPEndPoint(IPAddress.Loopback, 0), new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0)] },
            TextWriter.Null);
        sink.Start();
        Assert.Equal(2, sink.BoundEndpoints.Count);
        Assert.Equal(IPAddress.Parse("127.0.0.2"), sink.BoundEndpoints[1].Address);
    }
}
