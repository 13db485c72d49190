using System.Net;
using ConnStorm.Engine;
using ConnStorm.Results;
using ConnStorm.Sockets;

namespace ConnStorm.Tests.Engine;

public sealed class WorkerProtocolTests
{
    private static readonly string[] Targets = ["127.0.0.1:9000", "[::1]:9001"];

    private static string[] Written(Action<WorkerEventWriter> write, bool reportConnections = true)
    {
        using var stream = new MemoryStream();
        using (var writer = new WorkerEventWriter(stream, reportConnections))
        {
            write(writer);
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public void Established_RoundTripsThroughTheLine()
    {
        var source = SockAddr.From(IPAddress.Parse("127.0.0.1"), 40002);
        var lines = Written(w => w.Established(7, 1500, source, 1, 42, 9, 3));

        Assert.True(WorkerProtocol.TryParseConnected(Assert.Single(lines), Targets, out var record, out long open));
        Assert.Equal(new ConnectionRecord(7, 1.5, "127.0.0.1:40002", "[::1]:9001", 42, 9), record);
        Assert.Equal(3, open);
    }

    [Fact]
    public void Established_OfASampledConnection_RoundTripsTheKernelShareAndRetransmits()
    {
        var source = SockAddr.From(IPAddress.Parse("127.0.0.1"), 40002);
        var lines = Written(w => w.Established(16, 1500, source, 1, 42, 9, 3, kernelUs: 11, retransmits: 1));

        Assert.True(WorkerProtocol.TryParseConnected(Assert.Single(lines), Targets, out var record, out long open, out var share));
        Assert.Equal(new ConnectionRecord(16, 1.5, "127.0.0.1:40002", "[::1]:9001", 42, 9), record);
        Assert.Equal((3L, new KernelShare(11, 1)), (open, share));
    }

    [Fact]
    public void Established_OfAConnectionNotSampled_HasNoKernelShare()
    {
        var lines = Written(w => w.Established(7, 1500, SockAddr.From(IPAddress.Loopback, 40002), 0, 42, 9, 3));

        Assert.True(WorkerProtocol.TryParseConnected(lines[0], Targets, out _, out _, out var share));
        Assert.Null(share);
    }

    [Fact]
    public void Established_WithConnectionsOff_SendsNoSource()
    {
        var source = SockAddr.From(IPAddress.Loopback, 40002);
        var lines = Written(w => w.Established(7, 1500, source, 0, 42, 9, 3), reportConnections: false);

        Assert.True(WorkerProtocol.TryParseConnected(lines[0], Targets, out var record, out _));
        Assert.Equal("-", record.Source);
    }

    [Fact]
    public void Failed_RoundTripsPhaseErrnoAndOpenCount()
    {
        var source = SockAddr.From(IPAddress.Parse("::1"), 0);
        var lines = Written(w => w.Failed(101, 2_000, source, 0, FailurePhase.Bind, Errno.EADDRINUSE, 100));

        Assert.True(WorkerProtocol.TryParseFailed(lines[0], Targets, out var f));
        Assert.Equal(new FailureRecord(2.0, 101, 100, "127.0.0.1:9000", "[::1]:0", FailurePhase.Bind, Errno.EADDRINUSE), f);
    }

    [Fact]
    public void Failed_WithoutSource_ParsesToEmptySource()
    {
        var lines = Written(w => w.Failed(1, 10, default, 0, FailurePhase.Socket, Errno.EMFILE, 0));

        Assert.True(WorkerProtocol.TryParseFailed(lines[0], Targets, out var f));
        Assert.Equal("", f.Source);
        Assert.Equal("EMFILE", f.ErrnoName);
    }

    [Fact]
    public void ConnectPhaseOver_RoundTripsItsCountsTimesAndStopReason()
    {
        var outcome = new EngineOutcome(300, 100, 1, 100, 12, 34567, StopReason.StopOn);
        Assert.Equal(outcome, WorkerProtocol.ParseConnectPhaseOver(WorkerProtocol.FormatConnectPhaseOver(outcome)));
    }
}
