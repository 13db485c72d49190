using ConnStorm.Results;
using ConnStorm.Sockets;
using static ConnStorm.Tests.TestSupport.Samples;

namespace ConnStorm.Tests.Results;

public class TimeWaitTimelineTests
{
    [Fact]
    public void Recorder_WithTimeWaitSamples_WritesTheLastOfEachIntervalInTheLastColumnAndLeavesOthersEmpty()
    {
        using var dir = new TempDir();
        using (var recorder = Recorder(dir))
        {
            recorder.TimeWait(50, 3);
            recorder.TimeWait(90, 7);
            recorder.Established(Conn(1, 250));
            recorder.Complete();
        }

        var rows = dir.Lines("timeline.csv")[1..];
        Assert.Equal(["7", "", ""], rows.Select(r => r.Split(',')[^1]));
    }

    [Fact]
    public void SustainedRate_CountsConnectionsInTheLastHalfOfTheDurationPerSecond()
    {
        using var dir = new TempDir();
        using var recorder = Recorder(dir);
        // 10 in the first half of a 1 s churn, 4 in the second: 4 / 0.5 s.
        for (int i = 0; i < 10; i++)
        {
            recorder.Established(Conn(i, 100 + i));
        }
        for (int i = 0; i < 4; i++)
        {
            recorder.Established(Conn(20 + i, 600 + i));
        }
        recorder.Complete();

        Assert.Equal(8, recorder.SustainedRate(1000), 6);
    }

    [Fact]
    public void FailurePhases_VerifyAndHold_HaveTheirNamesAndHoldCountsAsADrop()
    {
        Assert.Equal("verify", FailurePhase.Verify.ToName());
        Assert.Equal(FailurePhase.Hold, FailurePhaseNames.Parse("hold"));
        Assert.True(new FailureRecord(1, 1, 1, "t", "s", FailurePhase.Hold, Errno.ECONNRESET).IsDrop);
        Assert.False(new FailureRecord(1, 1, 1, "t", "s", FailurePhase.Verify, Errno.ETIMEDOUT).IsDrop);
    }
}
