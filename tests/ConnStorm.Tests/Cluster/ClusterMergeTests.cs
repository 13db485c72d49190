using ConnStorm.Cluster;
using ConnStorm.Errors;
using ConnStorm.Results;
using ConnStorm.Sockets;
using static ConnStorm.Tests.Cluster.ClusterSamples;

namespace ConnStorm.Tests.Cluster;

public sealed class ClusterMergeTests
{
    private static string HostFile(string runDir, string host, string file) => Path.Combine(runDir, ResultFiles.HostsDir, host, file);

    [Theory]
    [InlineData(".")]
    [InlineData("runs/001-connect-r500-t1-s1")]
    public void The_merged_counts_are_the_sums_of_the_hosts_files(string runDir)
    {
        using var dir = new TempDir();
        Write(dir.Path, ThreeHosts, runDir);

        ClusterMerge.Write(dir.Path);

        var run = Path.Combine(dir.Path, runDir);
        var hosts = ThreeHosts.Select(s => s.Name).ToList();
        var merged = TimelineFile.Read(Path.Combine(run, ResultFiles.Timeline));
        var perHost = hosts.Select(h => TimelineFile.Read(HostFile(run, h, ResultFiles.Timeline))).ToList();
        Assert.Equal(perHost.Sum(t => t.Sum(r => r.Established)), merged.Sum(r => r.Established));
        Assert.Equal(perHost.Sum(t => t.Sum(r => r.Failures)), merged.Sum(r => r.Failures));
        for (var c = 0; c < TimelineRow.ByErrnoNames.Count; c++)
        {
            Assert.Equal(perHost.Sum(t => t.Sum(r => r.ByErrno[c])), merged.Sum(r => r.ByErrno[c]));
        }
        Assert.Equal(perHost.Sum(t => t[^1].EstablishedTotal), merged[^1].EstablishedTotal);
        Assert.Equal(perHost.Sum(t => t[^1].Open), merged[^1].Open);
        Assert.Equal(hosts.Sum(h => FailuresFile.Read(HostFile(run, h, ResultFiles.Failures)).Count), FailuresFile.Read(Path.Combine(run, ResultFiles.Failures)).Count);
        Assert.Equal(hosts.Sum(h => ConnectionsFile.Read(HostFile(run, h, ResultFiles.Connections)).Count), ConnectionsFile.Read(Path.Combine(run, ResultFiles.Connections)).Count);

        var row = Assert.Single(RunsCsv.Read(dir.File(ResultFiles.Runs)));
        var complete = hosts.Where(h => File.Exists(HostFile(run, h, ResultFiles.Runs))).Select(h => RunsCsv.Read(HostFile(run, h, ResultFiles.Runs))[0]).ToList();
        // a3 was lost before writing runs.csv: its partial files count (1 established, no failure).
        Assert.Equal(complete.Sum(r => r.Attempted) + 1, row.Attempted);
        Assert.Equal(complete.Sum(r => r.Established) + 1, row.Established);
        Assert.Equal(complete.Sum(r => r.Failures), row.Failures);
        Assert.Equal(complete.Sum(r => r.Workers), row.Workers);
        Assert.Equal(runDir, row.RunDir);
        Assert.Equal(merged.Max(r => r.Open), row.MaxEstablished);
    }

    [Fact]
    public void A_host_that_started_250_ms_later_has_its_events_250_ms_later()
    {
        using var dir = new TempDir();
        Write(dir.Path, ThreeHosts);

        ClusterMerge.Write(dir.Path);

        var failures = FailuresFile.Read(dir.File(ResultFiles.Failures));
        var hosts = HostEventsCsv.Hosts(dir.File(ResultFiles.Failures));
        var a2 = failures.Where((_, i) => hosts[i] == "a2").Select(f => f.TMs).ToList();
        Assert.Equal([750.0, 850.0], a2);
        var connections = ConnectionsFile.Read(dir.File(ResultFiles.Connections));
        var connectionHosts = HostEventsCsv.Hosts(dir.File(ResultFiles.Connections));
        Assert.Equal([350.0, 450.0], connections.Where((_, i) => connectionHosts[i] == "a2").Select(c => c.TMs));
        // a3's clock is 10 ms ahead: its start 10 ms "late" on its own clock is on time.
        Assert.Equal([50.0], connections.Where((_, i) => connectionHosts[i] == "a3").Select(c => c.TMs));
    }

    [Fact]
    public void Failures_are_sorted_by_time_with_the_host_column_last()
    {
        using var dir = new TempDir();
        Write(dir.Path, ThreeHosts);

        ClusterMerge.Write(dir.Path);

        var lines = File.ReadAllLines(dir.File(ResultFiles.Failures));
        Assert.Equal("t_ms,seq,open_at_failure,target,source,phase,errno,errno_name,host", lines[0]);
        var failures = FailuresFile.Read(dir.File(ResultFiles.Failures));
        Assert.Equal(failures.Select(f => f.TMs).Order(), failures.Select(f => f.TMs));
        Assert.Equal(["a2", "a2", "a1"], HostEventsCsv.Hosts(dir.File(ResultFiles.Failures)));
        Assert.EndsWith(",host", File.ReadLines(dir.File(ResultFiles.Connections)).First(), StringComparison.Ordinal);
        var connections = ConnectionsFile.Read(dir.File(ResultFiles.Connections));
        Assert.Equal(connections.Select(c => c.TMs).Order(), connections.Select(c => c.TMs));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void The_first_failure_is_the_earliest_across_hosts_with_the_fleets_open_count()
    {
        using var dir = new TempDir();
        Write(dir.Path, ThreeHosts);

        ClusterMerge.Write(dir.Path);

        var row = Assert.Single(RunsCsv.Read(dir.File(ResultFiles.Runs)));
        Assert.Equal("EADDRNOTAVAIL", row.FirstFailureErrno);
        Assert.Equal("connect", row.FirstFailurePhase);
        // At 750 ms: a2 holds 2 (its own count), a1 holds 3, a3 holds 1.
        Assert.Equal(6, row.FirstFailureAt);
        Assert.Equal(6, row.MaxEstablished);
        // a1 fails last, at 900 ms: the run's last outcome.
        Assert.Equal(0.9, row.Seconds);
    }

    [Fact]
    public void Percentiles_come_from_the_merged_histograms_and_the_log_keeps_each_hosts_workers()
    {
        using var dir = new TempDir();
        Write(dir.Path, ThreeHosts);

        ClusterMerge.Write(dir.Path);

        var row = Assert.Single(RunsCsv.Read(dir.File(ResultFiles.Runs)));
        // Connect latencies 100, 200, 300 (a1), 400, 500 (a2), 600 (a3): p50 is the 3rd of 6.
        Assert.Equal((300, 600, 600), (row.ConnectP50Us, row.ConnectP99Us, row.ConnectMaxUs));
        var log = LatencyLog.Read(dir.File(ResultFiles.LatencyLog));
        Assert.Equal(["a1/worker-0", "a2/worker-0", "a3/worker-0"], log.Select(l => l.Tag));
        Assert.Equal(6, log.Sum(l => l.TotalCount));
    }

    [Fact]
    public void A_lost_host_is_in_hosts_csv_and_named_in_the_runs_manifest()
    {
        using var dir = new TempDir();
        Write(dir.Path, ThreeHosts, "runs/001-a", "runs/002-b");

        ClusterMerge.Write(dir.Path);

        var hosts = HostsCsv.Read(dir.File(ResultFiles.Hosts));
        Assert.Equal(6, hosts.Count);
        var lost = hosts.Single(h => h.Run == 2 && h.Host == "a3");
        Assert.Equal(HostStatus.Lost, lost.Status);
        Assert.Equal(400, lost.LostAtMs);
        Assert.Equal(10, lost.ClockOffsetMs);
        Assert.Equal(1, lost.MaxEstablished);
        var a2 = hosts.Single(h => h.Run == 1 && h.Host == "a2");
        Assert.Equal((2L, 2L, "EADDRNOTAVAIL"), (a2.MaxEstablished, a2.Failures, a2.FirstFailureErrno));
        Assert.Equal("run,host,status,attempts,max_established,failures,first_failure_errno,clock_offset_ms,rtt_ms,lost_at_ms,error",
            File.ReadLines(dir.File(ResultFiles.Hosts)).First());

        var manifest = ManifestWriter.Read(dir.File("runs/002-b/manifest.json"));
        Assert.Contains(manifest.Notes, n => n.StartsWith("host a3 was lost 0.4 s after the start", StringComparison.Ordinal));
        Assert.Equal(ExitCodes.Partial, manifest.ExitCode);
        Assert.Equal(Start.AddMinutes(1), manifest.ConnectStartedUtc);
        Assert.Equal(["runs/001-a", "runs/002-b"], RunsCsv.Read(dir.File(ResultFiles.Runs)).Select(r => r.RunDir));
    }

    [Fact]
    public void A_run_without_sweep_keeps_the_coordinators_manifest_and_adds_the_lost_host()
    {
        using var dir = new TempDir();
        Write(dir.Path, ThreeHosts);

        ClusterMerge.Write(dir.Path);
        ClusterMerge.Write(dir.Path);

        var manifest = ManifestWriter.Read(dir.File(ResultFiles.Manifest));
        Assert.Equal("coordinator", manifest.Hostname);
        Assert.Single(manifest.Notes, n => n.Contains("host a3 was lost", StringComparison.Ordinal));
        Assert.Equal(Start, manifest.ConnectStartedUtc);
        Assert.Equal(ResultsKind.Runs, ResultsModel.TryKind(dir.Path));
    }

    [Fact]
    public void A_host_that_refused_its_plan_and_left_no_folder_is_listed_with_nothing_measured()
    {
        using var dir = new TempDir();
        Write(dir.Path, [.. ThreeHosts.Take(2), new Shard("a4", 0, 0, [], [], HostStatus.Refused)]);
        Directory.Delete(dir.File("hosts/a4"), recursive: true);

        ClusterMerge.Write(dir.Path);

        var a4 = HostsCsv.Read(dir.File(ResultFiles.Hosts)).Single(h => h.Host == "a4");
        Assert.Equal((HostStatus.Refused, 0L, 0L, "heartbeats stopped"), (a4.Status, a4.Attempts, a4.MaxEstablished, a4.Error));
        Assert.Equal(7, Assert.Single(RunsCsv.Read(dir.File(ResultFiles.Runs))).Attempted);
        Assert.Contains(ManifestWriter.Read(dir.File(ResultFiles.Manifest)).Notes, n => n.StartsWith("host a4 refused its plan", StringComparison.Ordinal));
    }

    [Fact]
    public void Timeline_bins_take_each_hosts_interval_by_its_shifted_start()
    {
        var row = (double t, long open, long est) => new TimelineRow { TMs = t, Open = open, Established = est, EstablishedTotal = open };
        IReadOnlyList<TimelineRow> a = [row(100, 1, 1), row(200, 2, 1), row(300, 2, 0)];
        IReadOnlyList<TimelineRow> b = [row(100, 5, 5), row(200, 4, 0)];

        var merged = TimelineMerge.Merge([(a, 0), (b, 150)], 100);

        // b's [0, 100) moves to [150, 250): counted in [100, 200); its [100, 200) in [200, 300).
        Assert.Equal([100.0, 200, 300], merged.Select(r => r.TMs));
        Assert.Equal([1L, 6, 0], merged.Select(r => r.Established));
        Assert.Equal([1L, 7, 6], merged.Select(r => r.Open));
        Assert.Equal([1L, 7, 7], merged.Select(r => r.EstablishedTotal));
    }

    [Fact]
    public void An_event_lands_in_the_merged_interval_a_shift_of_whole_intervals_gives()
    {
        Assert.Equal(7, TimelineMerge.Bin(500 - 100 + 300, 100));
        Assert.Equal(0, TimelineMerge.Bin(-20, 100));
        Assert.Equal(3, TimelineMerge.Bin(299.99999999, 100));
    }

    [Fact]
    public void The_shift_onto_one_clock_takes_the_start_and_the_clock_offset()
    {
        var start = Start;
        Assert.Equal(250, ClusterClock.ShiftMs(start.AddMilliseconds(250), 0, start), 3);
        Assert.Equal(240, ClusterClock.ShiftMs(start.AddMilliseconds(250), 10, start), 3);
        Assert.Equal(0, ClusterClock.ShiftMs(null, 10, start));
    }

    [Fact]
    public void A_failures_csv_with_a_host_column_reads_like_a_local_one()
    {
        using var dir = new TempDir();
        HostEventsCsv.WriteFailures(dir.File("f.csv"), [(Samples.Fail(12.5, Errno.ETIMEDOUT, FailurePhase.Timeout, open: 4), "a1")]);

        var f = Assert.Single(FailuresFile.Read(dir.File("f.csv")));

        Assert.Equal((12.5, 4L, Errno.ETIMEDOUT, FailurePhase.Timeout), (f.TMs, f.OpenAtFailure, f.Errno, f.Phase));
    }
}
