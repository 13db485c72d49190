using ConnStorm.Results;
using ConnStorm.Sockets;
using static ConnStorm.Tests.TestSupport.Samples;

namespace ConnStorm.Tests.Results;

public class TimelineTests
{
    private static string[] Rows(TempDir dir) => dir.Lines("timeline.csv")[1..];

    [Fact]
    public void Recorder_WithFailureInSecondInterval_CountsItInThatRow()
    {
        using var dir = new TempDir();
        using (var recorder = Recorder(dir))
        {
            recorder.Established(Conn(1, 10));
            recorder.Established(Conn(2, 50));
            recorder.Failed(Fail(150, open: 2));
            recorder.Complete();
        }

        Assert.Equal(
            [
                "100,2,2,2,0,0,0,0,0,0,0,0,0,0,",
                "200,2,0,2,1,1,0,0,0,0,0,0,0,0,",
            ],
            Rows(dir));
    }

    [Fact]
    public void Recorder_WithAGapBetweenEvents_WritesTheEmptyIntervals()
    {
        using var dir = new TempDir();
        using (var recorder = Recorder(dir))
        {
            recorder.Established(Conn(1, 10));
            recorder.Established(Conn(2, 420));
            recorder.Complete();
        }

        Assert.Equal(
            [
                "100,1,1,1,0,0,0,0,0,0,0,0,0,0,",
                "200,1,0,1,0,0,0,0,0,0,0,0,0,0,",
                "300,1,0,1,0,0,0,0,0,0,0,0,0,0,",
                "400,1,0,1,0,0,0,0,0,0,0,0,0,0,",
                "500,2,1,2,0,0,0,0,0,0,0,0,0,0,",
            ],
            Rows(dir));
    }

    [Fact]
    public void Recorder_WithTicksButNoEvents_WritesEmptyIntervalsUpToTheTick()
    {
        using var dir = new TempDir();
        using var recorder = Recorder(dir);

        recorder.Tick(250);

        Assert.Equal(["100,0,0,0,0,0,0,0,0,0,0,0,0,0,", "200,0,0,0,0,0,0,0,0,0,0,0,0,0,"], Rows(dir));
    }

    [Fact]
    public void Recorder_WithAResetFailure_DecreasesOpen()
    {
        using var dir = new TempDir();
        using (var recorder = Recorder(dir))
        {
            recorder.Established(Conn(1, 10));
            recorder.Established(Conn(2, 20));
            recorder.Established(Conn(3, 30));
            recorder.Failed(Fail(120, Errno.ECONNRESET, FailurePhase.Reset, seq: 1, open: 3));
            recorder.Failed(Fail(130, Errno.EOF, FailurePhase.Reset, seq: 2, open: 2));

            Assert.Equal(1, recorder.Stats.Open);
            Assert.Equal(3, recorder.Stats.MaxOpen);
            recorder.Complete();
        }

        Assert.Equal(
            [
                "100,3,3,3,0,0,0,0,0,0,0,0,0,0,",
                "200,1,0,3,2,0,0,0,0,0,0,1,1,0,",
            ],
            Rows(dir));
    }

    [Fact]
    public void Recorder_WithEachTimelineErrno_CountsItInItsOwnColumn()
    {
        using var dir = new TempDir();
        int[] errnos = [Errno.EADDRNOTAVAIL, Errno.EADDRINUSE, Errno.EMFILE, Errno.ENFILE, Errno.ECONNREFUSED, Errno.ETIMEDOUT, Errno.ECONNRESET, Errno.EOF];
        using (var recorder = Recorder(dir))
        {
            for (var i = 0; i < errnos.Length; i++)
            {
                // i + 1 failures of the i-th errno, so every column holds a distinct count.
                for (var n = 0; n <= i; n++)
                {
                    recorder.Failed(Fail(50, errnos[i]));
                }
            }
            recorder.Complete();
        }

        Assert.Equal(["100,0,0,0,36,1,2,3,4,5,6,7,8,0,"], Rows(dir));
    }

    [Fact]
    public void Recorder_WithAnUnlistedErrno_CountsItAsOther()
    {
        using var dir = new TempDir();
        using (var recorder = Recorder(dir))
        {
            recorder.Failed(Fail(5, Errno.ENETUNREACH));
            recorder.Failed(Fail(6, 4242));
            recorder.Complete();
        }

        Assert.Equal(["100,0,0,0,2,0,0,0,0,0,0,0,0,2,"], Rows(dir));
    }

    [Fact]
    public void Recorder_WithARecordForAnIntervalAlreadyWritten_CountsItInTheCurrentInterval()
    {
        using var dir = new TempDir();
        using (var recorder = Recorder(dir))
        {
            recorder.Established(Conn(1, 10));
            recorder.Tick(150);
            // Arrives late from another worker: interval 0-100 is already on disk.
            recorder.Established(Conn(2, 90));
            recorder.Failed(Fail(95, Errno.ECONNREFUSED));
            recorder.Complete();
        }

        Assert.Equal(
            [
                "100,1,1,1,0,0,0,0,0,0,0,0,0,0,",
                "200,2,1,2,1,0,0,0,0,1,0,0,0,0,",
            ],
            Rows(dir));
    }

    [Fact]
    public void Recorder_WithAnEventAheadOfTheTick_KeepsItForItsOwnInterval()
    {
        using var dir = new TempDir();
        using (var recorder = Recorder(dir))
        {
            recorder.Established(Conn(1, 250));
            recorder.Tick(150);
            recorder.Established(Conn(2, 160));
            recorder.Complete();
        }

        Assert.Equal(
            [
                "100,0,0,0,0,0,0,0,0,0,0,0,0,0,",
                "200,1,1,1,0,0,0,0,0,0,0,0,0,0,",
                "300,2,1,2,0,0,0,0,0,0,0,0,0,0,",
            ],
            Rows(dir));
    }

    [Fact]
    public void Recorder_WithNoEventsAtAll_StillWritesIntervalZero()
    {
        using var dir = new TempDir();
        using (var recorder = Recorder(dir))
        {
            recorder.Complete();
        }

        Assert.Equal(["100,0,0,0,0,0,0,0,0,0,0,0,0,0,"], Rows(dir));
    }
}
