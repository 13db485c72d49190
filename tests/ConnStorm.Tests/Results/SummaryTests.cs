using ConnStorm.Results;
using ConnStorm.Sockets;
using static ConnStorm.Tests.TestSupport.Samples;

namespace ConnStorm.Tests.Results;

public class SummaryTests
{
    private static Manifest Manifest() => new()
    {
        KernelRelease = "6.8.0-45-generic",
        Hostname = "box",
        Cores = 4,
        Notes = ["RLIMIT_NOFILE (20000) capped this run: raise it to see the port limit"],
    };

    [Fact]
    public void Summary_AfterAFailure_NamesTheFirstFailureErrnoPhaseAndOpenCount()
    {
        using var dir = new TempDir();
        RunRow row;
        RunStats stats;
        using (var recorder = Recorder(dir))
        {
            for (var i = 1; i <= 3; i++)
            {
                recorder.Established(Conn(i, i * 100, connectUs: i * 100));
            }
            recorder.Failed(Fail(1420, Errno.EADDRNOTAVAIL, FailurePhase.Connect, open: 3));
            recorder.Failed(Fail(1500, Errno.ETIMEDOUT, FailurePhase.Timeout, open: 3));
            recorder.Failed(Fail(1600, Errno.ECONNRESET, FailurePhase.Reset, open: 3));
            row = Row(recorder);
            stats = recorder.Stats;
        }
        RunsCsv.Write(dir.File("runs.csv"), [row]);
        var path = dir.File("summary.md");

        SummaryWriter.Write(path, new SummaryInput("port-exhaustion", "One destination until the ports run out.", row, stats, Manifest()));

        var text = File.ReadAllText(path);
        Assert.Contains("port-exhaustion", text);
        Assert.Contains("One destination until the ports run out.", text);
        Assert.Contains("stopped at 3 open connections: first failure EADDRNOTAVAIL in connect() after 1.42 s", text);
        foreach (var errno in new[] { Errno.EADDRNOTAVAIL, Errno.ETIMEDOUT, Errno.ECONNRESET })
        {
            Assert.Contains($"| {Errno.Name(errno)} | 1 | {Errno.Meaning(errno)} |", text);
        }
        Assert.Contains("p50 200 µs", text);
        Assert.Contains("6.8.0-45-generic", text);
        Assert.Contains("40000-40009 (10 ports)", text);
        Assert.Contains("RLIMIT_NOFILE (20000) capped this run", text);
        Assert.Contains("`timeline.csv`", text);
        Assert.Contains("`runs.csv`", text);
        Assert.Contains("`summary.md`", text);
    }

    [Fact]
    public void Summary_WithoutFailures_SaysAllAttemptsWereEstablished()
    {
        using var dir = new TempDir();
        using var recorder = Recorder(dir);
        recorder.Established(Conn(1, 1));
        var row = Row(recorder, Info() with { Attempted = 1 });

        var text = SummaryWriter.Render(new SummaryInput("ok", null, row, recorder.Stats, Manifest()), null);

        Assert.Contains("no failure: 1 of 1 attempts established", text);
        Assert.Contains("## Failures by errno\n\nNone.", text);
    }
}
