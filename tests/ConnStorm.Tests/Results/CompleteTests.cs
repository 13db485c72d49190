using ConnStorm.Results;
using ConnStorm.Sockets;
using static ConnStorm.Tests.TestSupport.Samples;

namespace ConnStorm.Tests.Results;

public class CompleteTests
{
    [Fact]
    public void Complete_AfterAStopOnFirstFailure_FillsTheRunRow()
    {
        using var dir = new TempDir();
        using var recorder = Recorder(dir);
        for (var i = 1; i <= 10; i++)
        {
            recorder.Established(Conn(i, i * 10, connectUs: i * 100));
        }
        recorder.Failed(Fail(120, Errno.EADDRNOTAVAIL, open: 10, seq: 11));
        recorder.Failed(Fail(110, Errno.EADDRNOTAVAIL, open: 9, seq: 12));

        var row = Row(recorder);

        Assert.Equal(10, row.MaxEstablished);
        Assert.Equal(2, row.Failures);
        // Earliest by time, though it arrived second.
        Assert.Equal(9, row.FirstFailureAt);
        Assert.Equal("EADDRNOTAVAIL", row.FirstFailureErrno);
        Assert.Equal("connect", row.FirstFailurePhase);
        // Below 2048 µs the histogram is exact, so ranks pick measured values.
        Assert.Equal(500, row.ConnectP50Us);
        Assert.Equal(900, row.ConnectP90Us);
        Assert.Equal(1000, row.ConnectP99Us);
        Assert.Equal(1000, row.ConnectP999Us);
        Assert.Equal(1000, row.ConnectMaxUs);
        Assert.Equal(1.235, row.Seconds);
        Assert.Equal((40000, 40009, 10), (row.PortRangeLo, row.PortRangeHi, row.PortRangeSize));
        Assert.False(row.FdCapped);
        Assert.Equal(120, recorder.Stats.LastOutcomeMs);
    }

    [Fact]
    public void Complete_SplitsTheLatencyOfTheSampledConnectionsOnlyAndSumsTheirRetransmits()
    {
        using var dir = new TempDir();
        using var recorder = Recorder(dir);
        recorder.Established(Conn(1, 1, connectUs: 100), share: new KernelShare(10, 0));
        recorder.Established(Conn(2, 2, connectUs: 300), share: new KernelShare(250, 1));
        // Not sampled: counts in the total latency only.
        recorder.Established(Conn(3, 3, connectUs: 2000));

        var row = Row(recorder);

        Assert.Equal(2, row.TcpInfoSamples);
        Assert.Equal((10, 250, 250), (row.ConnectKernelP50Us, row.ConnectKernelP99Us, row.ConnectKernelMaxUs));
        // ConnStorm's share is each sample's total minus its kernel share: 90 and 50 µs.
        Assert.Equal((50, 90, 90), (row.ConnectOwnP50Us, row.ConnectOwnP99Us, row.ConnectOwnMaxUs));
        Assert.Equal(1, row.SynRetransmits);
        Assert.Equal(2000, row.ConnectMaxUs);
    }

    [Fact]
    public void Complete_WithoutSampledConnections_LeavesTheSplitNull()
    {
        using var dir = new TempDir();
        using var recorder = Recorder(dir);
        recorder.Established(Conn(1, 1, connectUs: 100));

        var row = Row(recorder);

        Assert.Equal((null, null, null), (row.TcpInfoSamples, row.ConnectKernelP99Us, row.ConnectOwnP99Us));
    }

    [Fact]
    public void Complete_WithAnEmfileFailure_MarksTheRunFdCapped()
    {
        using var dir = new TempDir();
        using var recorder = Recorder(dir);
        recorder.Established(Conn(1, 1));
        recorder.Failed(Fail(2, Errno.EMFILE, FailurePhase.Socket, open: 1));

        var row = Row(recorder);

        Assert.True(row.FdCapped);
        Assert.Equal("socket", row.FirstFailurePhase);
    }

    [Fact]
    public void Complete_WithoutFailuresOrConnections_LeavesFailureAndLatencyFieldsNull()
    {
        using var dir = new TempDir();
        using var recorder = Recorder(dir);

        var row = Row(recorder, Info(interrupted: true));

        Assert.Null(row.FirstFailureAt);
        Assert.Null(row.FirstFailureErrno);
        Assert.Null(row.FirstFailurePhase);
        Assert.Null(row.ConnectP50Us);
        Assert.Null(row.ConnectP90Us);
        Assert.Null(row.ConnectP999Us);
        Assert.Null(row.ConnectMaxUs);
        Assert.True(row.Interrupted);
    }

    [Fact]
    public void Stats_WhileRunning_CountFailuresByErrno()
    {
        using var dir = new TempDir();
        using var recorder = Recorder(dir);
        recorder.Failed(Fail(1, Errno.EADDRNOTAVAIL));
        recorder.Failed(Fail(2, Errno.EADDRNOTAVAIL));
        recorder.Failed(Fail(3, Errno.ETIMEDOUT, FailurePhase.Timeout));

        Assert.Equal(3, recorder.Stats.Failures);
        Assert.Equal(2, recorder.Stats.FailuresByErrno[Errno.EADDRNOTAVAIL]);
        Assert.Equal(1, recorder.Stats.FailuresByErrno[Errno.ETIMEDOUT]);
        Assert.Equal(1, recorder.Stats.FirstFailure?.TMs);
    }
}
