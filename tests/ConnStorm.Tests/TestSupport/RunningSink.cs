using System.Diagnostics;
using System.Net;
using System.Runtime.Versioning;
using ConnStorm.Scenarios;
using ConnStorm.Sink;

namespace ConnStorm.Tests.TestSupport;

/// <summary>A started sink serving on a background thread; Dispose cancels it and checks it stopped promptly.</summary>
[SupportedOSPlatform("linux")]
internal sealed class RunningSink : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;

    private RunningSink(SinkServer server)
    {
        Server = server;
        _thread = new Thread(() => Server.Run(_stop.Token)) { IsBackground = true, Name = "test-sink" };
        _thread.Start();
    }

    public SinkServer Server { get; }

    public SinkCounters Counters => Server.Counters;

    public IPEndPoint EndPoint => Server.BoundEndpoints[0];

    /// <summary>A sink on 127.0.0.1 at a port the kernel picks, so parallel tests never collide.</summary>
    public static RunningSink Start(SinkMode mode, bool reusePort = false, int port = 0, int closeAfter = 0)
    {
        var server = new SinkServer(
            new SinkOptions { Listen = [new IPEndPoint(IPAddress.Loopback, port)], Mode = mode, ReusePort = reusePort, CloseAfterBytes = closeAfter },
            TextWriter.Null);
        server.Start();
        return new RunningSink(server);
    }

    public void Dispose()
    {
        _stop.Cancel();
        // The loop waits at most 100 ms at a time, so it must notice well within this bound.
        bool stopped = _thread.Join(TimeSpan.FromSeconds(5));
        Server.Dispose();
        _stop.Dispose();
        Assert.True(stopped, "the sink loop did not stop after cancellation");
    }

    public static bool WaitUntil(Func<bool> condition, TimeSpan? timeout = null)
    {
        var watch = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(5);
        while (!condition())
        {
            if (watch.Elapsed > limit)
            {
                return false;
            }
            Thread.Sleep(10);
        }
        return true;
    }
}
