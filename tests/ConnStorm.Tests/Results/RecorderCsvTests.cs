using ConnStorm.Results;
using ConnStorm.Sockets;
using static ConnStorm.Tests.TestSupport.Samples;

namespace ConnStorm.Tests.Results;

public class RecorderCsvTests
{
    private const string TimelineHeader =
        "t_ms,open,established,established_total,failures,EADDRNOTAVAIL,EADDRINUSE,EMFILE,ENFILE,ECONNREFUSED,ETIMEDOUT,ECONNRESET,EOF,other,time_wait";

    [Fact]
    public void Recorder_WhenCreated_WritesTheExactHeaderOfEachFile()
    {
        using var dir = new TempDir();
        using (var recorder = Recorder(dir))
        {
            recorder.Complete();
        }

        Assert.Equal("t_ms,seq,open_at_failure,target,source,phase,errno,errno_name", dir.Lines("failures.csv")[0]);
        Assert.Equal("seq,t_ms,source,target,connect_us,syscall_us", dir.Lines("connections.csv")[0]);
        Assert.Equal(TimelineHeader, dir.Lines("timeline.csv")[0]);
    }

    [Fact]
    public void Recorder_TimelineHeader_TakesErrnoNamesFromTheErrnoTable()
    {
        var expected = new[] { Errno.EADDRNOTAVAIL, Errno.EADDRINUSE, Errno.EMFILE, Errno.ENFILE, Errno.ECONNREFUSED, Errno.ETIMEDOUT, Errno.ECONNRESET, Errno.EOF }
            .Select(Errno.Name);
        Assert.Equal(TimelineHeader, $"t_ms,open,established,established_total,failures,{string.Join(',', expected)},other,time_wait");
    }

    [Fact]
    public void Recorder_WithAFailure_WritesItsRowWithPhaseAndErrnoName()
    {
        using var dir = new TempDir();
        using (var recorder = Recorder(dir))
        {
            recorder.Failed(new FailureRecord(1234.5678, 42, 41, "10.0.0.1:80", "10.0.0.2:0", FailurePhase.Connect, Errno.EADDRNOTAVAIL));
            recorder.Failed(new FailureRecord(2000, 7, 40, "10.0.0.1:80", "10.0.0.2:40001", FailurePhase.Reset, Errno.EOF));
            recorder.Complete();
        }

        var lines = dir.Lines("failures.csv");
        Assert.Equal(3, lines.Length);
        Assert.Equal("1234.568,42,41,10.0.0.1:80,10.0.0.2:0,connect,99,EADDRNOTAVAIL", lines[1]);
        Assert.Equal("2000,7,40,10.0.0.1:80,10.0.0.2:40001,reset,0,EOF", lines[2]);
    }

    [Fact]
    public void Recorder_WithAConnection_WritesItsRowExactly()
    {
        using var dir = new TempDir();
        using (var recorder = Recorder(dir))
        {
            recorder.Established(new ConnectionRecord(3, 12.25, "127.0.0.2:40003", "127.0.0.1:9000", 187, 14));
            recorder.Complete();
        }

        Assert.Equal(["seq,t_ms,source,target,connect_us,syscall_us", "3,12.25,127.0.0.2:40003,127.0.0.1:9000,187,14"], dir.Lines("connections.csv"));
    }

    [Fact]
    public void Recorder_WithConnectionsCsvOff_DoesNotCreateTheFile()
    {
        using var dir = new TempDir();
        using (var recorder = Recorder(dir, connections: false))
        {
            recorder.Established(Conn(1, 5));
            recorder.Complete();
        }

        Assert.False(File.Exists(dir.File("connections.csv")));
        Assert.Equal("100,1,1,1,0,0,0,0,0,0,0,0,0,0,", dir.Lines("timeline.csv")[1]);
    }

    [Fact]
    public void Recorder_AfterATick_LeavesFilesReadableWhileStillOpen()
    {
        using var dir = new TempDir();
        using var recorder = Recorder(dir);
        recorder.Established(Conn(1, 10));
        recorder.Failed(Fail(20));

        recorder.Tick(300);

        Assert.Equal(2, dir.Lines("connections.csv").Length);
        Assert.Equal(2, dir.Lines("failures.csv").Length);
        var timeline = dir.Lines("timeline.csv");
        Assert.Equal(4, timeline.Length);
        Assert.StartsWith("100,1,1,1,1,1,", timeline[1]);
    }

    [Fact]
    public void Recorder_DisposedWithoutComplete_StillWritesTheCountedIntervals()
    {
        using var dir = new TempDir();
        using (var recorder = Recorder(dir))
        {
            recorder.Established(Conn(1, 150));
        }

        Assert.Equal(["100,0,0,0,0,0,0,0,0,0,0,0,0,0,", "200,1,1,1,0,0,0,0,0,0,0,0,0,0,"], dir.Lines("timeline.csv")[1..]);
        Assert.Equal(2, dir.Lines("connections.csv").Length);
    }
}
