using ConnStorm.Results;

namespace ConnStorm.Tests.Results;

public class RunsCsvTests
{
    private static readonly RunRow Full = new()
    {
        Run = 1,
        Variant = "ports=1000",
        PortRangeLo = 40000,
        PortRangeHi = 40999,
        PortRangeSize = 1000,
        Targets = 2,
        SourceIps = 1,
        Attempted = 2001,
        MaxEstablished = 2000,
        FirstFailureAt = 2000,
        FirstFailureErrno = "EADDRNOTAVAIL",
        FirstFailurePhase = "connect",
        Failures = 1,
        Seconds = 1.5,
        ConnectP50Us = 120,
        ConnectP99Us = 900,
        ConnectMaxUs = 4000,
        RlimitNofile = 1048576,
        FdCapped = false,
        Workers = 4,
        Interrupted = true,
        Established = 2000,
        ConnectP90Us = 700,
        ConnectP999Us = 3100,
        ConnStormPssKb = 80_000,
        ConnStormProcesses = 8,
        ConnStormBytesPerConn = 40_960,
        ConnStormParentPssKb = 60_000,
        TcpInfoSamples = 125,
        ConnectKernelP50Us = 12,
        ConnectKernelP99Us = 60,
        ConnectKernelMaxUs = 1_004_000,
        ConnectOwnP50Us = 100,
        ConnectOwnP99Us = 850,
        ConnectOwnMaxUs = 3900,
        SynRetransmits = 1,
    };

    private static readonly RunRow Empty = new() { Run = 2, Variant = "default", Attempted = 5, Seconds = 0.25, RlimitNofile = 1024, Workers = 1 };

    [Fact]
    public void Write_ProducesTheContractHeaderAndRows()
    {
        using var dir = new TempDir();

        RunsCsv.Write(dir.File("runs.csv"), [Full, Empty]);

        Assert.Equal(
            [
                "run,variant,port_range_lo,port_range_hi,port_range_size,targets,source_ips,attempted,max_established,first_failure_at,first_failure_errno,first_failure_phase,failures,seconds,connect_p50_us,connect_p99_us,connect_max_us,rlimit_nofile,fd_capped,workers,interrupted,run_dir,bind_before_connect,bind_address_no_port,reuse_addr,source_ports,predicted_limit,workers_lost,tw_reuse,close,churn_rate_per_s,churn_rule_per_s,proxy_backends,proxy_source,proxy_conn_errors,proxy_max_current,established,connect_p90_us,connect_p999_us," +
                    "limit_met,limit_met_at,memory_floor_bytes,mem_available_start_bytes,mem_available_min_bytes,kernel_slab_bytes,kernel_bytes_per_conn,kernel_tcp_objects,tcp_inuse,tcp_alloc,tcp_mem_pages,connstorm_growth_bytes_per_conn," +
                    "connstorm_pss_kb,connstorm_processes,connstorm_bytes_per_conn,connstorm_parent_pss_kb," +
                    "tcp_info_samples,connect_kernel_p50_us,connect_kernel_p99_us,connect_kernel_max_us,connect_own_p50_us,connect_own_p99_us,connect_own_max_us,syn_retransmits",
                "1,ports=1000,40000,40999,1000,2,1,2001,2000,2000,EADDRNOTAVAIL,connect,1,1.5,120,900,4000,1048576,false,4,true,.,false,false,false,,,0,,,,,,,,,2000,700,3100,,,,,,,,,,,,,80000,8,40960,60000,125,12,60,1004000,100,850,3900,1",
                "2,default,,,,0,0,5,0,,,,0,0.25,,,,1024,false,1,false,.,false,false,false,,,0,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,",
            ],
            dir.Lines("runs.csv"));
    }

    [Fact]
    public void WriteThenRead_GivesBackEqualRows()
    {
        using var dir = new TempDir();
        var path = dir.File("runs.csv");

        RunsCsv.Write(path, [Full, Empty]);
        var read = RunsCsv.Read(path);

        Assert.Equal([Full, Empty], read);
    }

    [Fact]
    public void A_file_written_before_the_latency_split_columns_reads_with_them_null()
    {
        using var dir = new TempDir();
        var path = dir.File("runs.csv");
        RunsCsv.Write(path, [Full]);
        DropColumns(path, "tcp_info_samples", "connect_kernel_p50_us", "connect_kernel_p99_us", "connect_kernel_max_us",
            "connect_own_p50_us", "connect_own_p99_us", "connect_own_max_us", "syn_retransmits");

        var read = Assert.Single(RunsCsv.Read(path));

        Assert.Equal(Full with
        {
            TcpInfoSamples = null, ConnectKernelP50Us = null, ConnectKernelP99Us = null, ConnectKernelMaxUs = null,
            ConnectOwnP50Us = null, ConnectOwnP99Us = null, ConnectOwnMaxUs = null, SynRetransmits = null,
        }, read);
    }

    [Fact]
    public void A_file_written_before_the_established_column_reads_with_established_null()
    {
        using var dir = new TempDir();
        var path = dir.File("runs.csv");
        RunsCsv.Write(path, [Full]);
        DropColumns(path, "established", "connect_p90_us", "connect_p999_us");

        var read = Assert.Single(RunsCsv.Read(path));

        Assert.Null(read.Established);
        Assert.Equal(Full with { Established = null, ConnectP90Us = null, ConnectP999Us = null }, read);
    }

    [Fact]
    public void A_file_written_before_the_p90_and_p999_columns_reads_with_them_null()
    {
        using var dir = new TempDir();
        var path = dir.File("runs.csv");
        RunsCsv.Write(path, [Full]);
        DropColumns(path, "connect_p90_us", "connect_p999_us");

        var read = Assert.Single(RunsCsv.Read(path));

        Assert.Equal(Full with { ConnectP90Us = null, ConnectP999Us = null }, read);
    }

    [Fact]
    public void A_file_written_before_the_machine_limit_columns_reads_with_them_null()
    {
        using var dir = new TempDir();
        var path = dir.File("runs.csv");
        var full = Full with { LimitMet = "memory", LimitMetAt = 1900, MemoryFloorBytes = 1L << 30, KernelSlabBytes = 15_000_000, KernelBytesPerConn = 7_500, TcpInUse = 4000, TcpAlloc = 4000 };
        RunsCsv.Write(path, [full]);
        Assert.Equal(full, Assert.Single(RunsCsv.Read(path)));
        DropColumns(path, "limit_met", "limit_met_at", "memory_floor_bytes", "mem_available_start_bytes", "mem_available_min_bytes", "kernel_slab_bytes", "kernel_bytes_per_conn", "kernel_tcp_objects", "tcp_inuse", "tcp_alloc", "tcp_mem_pages", "connstorm_growth_bytes_per_conn");

        var read = Assert.Single(RunsCsv.Read(path));

        Assert.Equal(Full, read);
    }

    [Fact]
    public void A_file_written_before_the_memory_columns_reads_with_them_null()
    {
        using var dir = new TempDir();
        var path = dir.File("runs.csv");
        RunsCsv.Write(path, [Full]);
        DropColumns(path, "connstorm_pss_kb", "connstorm_processes", "connstorm_bytes_per_conn", "connstorm_parent_pss_kb");

        var read = Assert.Single(RunsCsv.Read(path));

        Assert.Equal(Full with { ConnStormPssKb = null, ConnStormProcesses = null, ConnStormBytesPerConn = null, ConnStormParentPssKb = null }, read);
    }

    /// <summary>Rewrites the file as an older version wrote it: without the named columns (no value holds a comma).</summary>
    private static void DropColumns(string path, params string[] names)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        var keep = Enumerable.Range(0, header.Length).Where(i => !names.Contains(header[i])).ToList();
        Assert.Equal(header.Length - names.Length, keep.Count);
        File.WriteAllLines(path, lines.Select(l => string.Join(',', keep.Select(i => l.Split(',')[i]))));
    }
}
