using ConnStorm.Results;

namespace ConnStorm.Tests.Results;

/// <summary>The typed readers the plots use: by column name, tolerant of runs in progress and older files.</summary>
public sealed class ResultReadersTests
{
    private const string TimelineHeader = "t_ms,open,established,established_total,failures,EADDRNOTAVAIL,EADDRINUSE,EMFILE,ENFILE,ECONNREFUSED,ETIMEDOUT,ECONNRESET,EOF,other";

    [Fact]
    public void A_timeline_reads_by_column_name_with_time_wait_when_it_was_sampled()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("timeline.csv"), TimelineHeader + ",time_wait\n100,5,5,5,0,0,0,0,0,0,0,0,0,0,\n200,9,4,9,2,0,2,0,0,0,0,0,0,0,17\n");

        var rows = TimelineFile.Read(dir.File("timeline.csv"));

        Assert.Equal(2, rows.Count);
        Assert.Null(rows[0].TimeWait);
        Assert.Equal(17, rows[1].TimeWait);
        Assert.Equal(2, rows[1].ByErrno[TimelineRow.ByErrnoNames.ToList().IndexOf("EADDRINUSE")]);
    }

    [Fact]
    public void An_older_timeline_without_time_wait_and_a_cut_off_last_line_still_read()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("timeline.csv"), TimelineHeader + "\n100,5,5,5,0,0,0,0,0,0,0,0,0,0\n200,9,4");

        var row = Assert.Single(TimelineFile.Read(dir.File("timeline.csv")));

        Assert.Equal(5, row.Open);
        Assert.Null(row.TimeWait);
    }

    [Fact]
    public void Connections_from_before_syscall_us_read_it_as_zero_and_skip_a_cut_off_line()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("connections.csv"), "seq,t_ms,source,target,connect_us\n0,1.5,10.0.0.1:40000,10.0.1.1:9000,30\n1,2,10.0.0.1:40");

        var row = Assert.Single(ConnectionsFile.Read(dir.File("connections.csv")));

        Assert.Equal((30L, 0L), (row.ConnectUs, row.SyscallUs));
        Assert.False(ConnectionsFile.HasSyscallUs(dir.File("connections.csv")));
    }

    [Fact]
    public void Failures_read_back_with_their_phase_and_errno()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("failures.csv"), "t_ms,seq,open_at_failure,target,source,phase,errno,errno_name\n12.5,7,1000,10.0.1.1:9000,10.0.0.1,connect,99,EADDRNOTAVAIL\n");

        var failure = Assert.Single(FailuresFile.Read(dir.File("failures.csv")));

        Assert.Equal((FailurePhase.Connect, 99, 1000L), (failure.Phase, failure.Errno, failure.OpenAtFailure));
    }

    [Fact]
    public void The_model_reads_a_runs_files_and_gives_nothing_for_files_it_did_not_write()
    {
        using var dir = new TempDir();
        ConnStorm.Tests.Plots.ResultsSamples.Sweep(dir.Path, ConnStorm.Tests.Plots.ResultsSamples.ThreeRuns);

        var model = ResultsModel.Open(dir.Path);

        Assert.Equal(25, model.Timeline(model.Runs[0]).Count);
        Assert.Equal(1000, model.Connections(model.Runs[0]).Count);
        Assert.Empty(model.Connections(model.Runs[2]));
        Assert.Empty(model.Failures(model.Runs[0]));
        Assert.Null(model.Probes);
        Assert.Null(model.Compare);
    }
}
