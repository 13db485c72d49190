using ConnStorm.Errors;
using ConnStorm.Platform;
using ConnStorm.Results;
using ConnStorm.Tests.TestSupport;

namespace ConnStorm.Tests.EndToEnd;

/// <summary>The limits of the machine: kernel memory measured per run, the memory floor, the plan before a run.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class MachineLimitsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("connstorm-limits-").FullName;

    private string Scenario(int connections, string load = "", string sink = "")
    {
        string file = Path.Combine(_dir, $"scenario-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, $"""
            name: limits
            lab:
              sysctl:
                net.ipv4.ip_local_port_range: "1024 65535"
            sink:
              listen: ["127.0.0.1:9000-9001"]
            {sink}
            targets: ["127.0.0.1:9000-9001"]
            load:
              connections: {connections}
            {load}
            """);
        return file;
    }

    private string Out => Path.Combine(_dir, "out");

    private RunRow Row => RunsCsv.Read(Path.Combine(Out, "runs.csv")).Single();

    [SkippableFact]
    public void Run_KernelTcpSlabGrowth_CoversTheLabsTcpSocketsInUse_BothEnds()
    {
        string? missing = ConnStorm.Lab.LabRequirements.WhatIsMissing();
        Skip.If(missing is not null, missing);
        // The slab caches are the whole machine's: the rule can be checked only over a connect phase in
        // which nothing else on the host opened or closed TCP sockets, which sockstat's machine-wide alloc
        // tells (it then grows exactly as the lab's inuse). Up to five tries for such a quiet phase.
        RunRow? quiet = null;
        long? lastOther = null;
        for (int attempt = 0; attempt < 5 && quiet is null; attempt++)
        {
            if (Directory.Exists(Out))
            {
                Directory.Delete(Out, recursive: true);
            }
            var cli = ConnStormCli.Run(TimeSpan.FromSeconds(90), "run", Scenario(2000), "--out", Out, "--plain");
            Assert.Equal(ExitCodes.Ran, cli.ExitCode);
            var r = Row;
            Assert.NotNull(r.TcpAlloc);
            lastOther = r.TcpAlloc - r.TcpInUse;
            quiet = lastOther == 0 ? r : null;
        }
        Skip.If(quiet is null, $"other load on this host opened or closed TCP sockets during each of 5 tries (last: {lastOther:+0;-0} sockets besides the lab's), so the system-wide slab growth could not be checked against the lab's sockets");
        var row = quiet!;
        Assert.Equal(2000, row.MaxEstablished);
        // Two paths: the machine's TCP slab objects (per-CPU slabs flushed) and the lab's sockstat inuse.
        // Every socket in use is a TCP slab object; with an accepting sink both ends are in the lab.
        Assert.NotNull(row.TcpInUse);
        Assert.True(row.TcpInUse >= 2 * row.MaxEstablished, $"sockstat inuse grew by {row.TcpInUse}, fewer than both ends of {row.MaxEstablished}");
        Assert.True(row.KernelTcpObjects >= row.TcpInUse, $"TCP slab grew by {row.KernelTcpObjects} objects, fewer than the {row.TcpInUse} sockets in use");
        Assert.True(row.KernelBytesPerConn > 0);
        string summary = File.ReadAllText(Path.Combine(Out, ResultFiles.Summary));
        Assert.Contains("## Kernel memory", summary, StringComparison.Ordinal);
        Assert.Contains("system-wide, not per network namespace", summary, StringComparison.Ordinal);
    }

    [LabFact]
    public void Run_BelowItsMemoryFloor_StopsCleanlyAndNamesTheFloor()
    {
        // A floor 40 MiB under what is available now trips after a few thousand connections (MemAvailable falls ~5 KB per connection here, both ends).
        long floor = MemInfo.Read()!.AvailableBytes - (40L << 20);

        var cli = ConnStormCli.Run(TimeSpan.FromSeconds(90), "run", Scenario(45000), "--memory-floor", floor.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", Out, "--plain");

        Assert.Equal(ExitCodes.Ran, cli.ExitCode);
        var row = Row;
        Assert.Equal("memory", row.LimitMet);
        Assert.True(row.MemAvailableMinBytes < row.MemoryFloorBytes);
        Assert.True(row.Attempted < 45000, $"attempted {row.Attempted}: the floor did not stop the run");
        Assert.Contains("stopped by the memory floor", File.ReadAllText(Path.Combine(Out, ResultFiles.Summary)), StringComparison.Ordinal);
        Assert.Empty(Leftovers.NamespacesOf(cli.Pid));
    }

    [LabFact]
    public void DryRun_PrintsEachRunsLadderAndTheCalibration_AndStartsNothing()
    {
        var cli = ConnStormCli.Run(TimeSpan.FromSeconds(90), "run", Scenario(5000), "--dry-run", "--out", Out);

        Assert.Equal(ExitCodes.Ran, cli.ExitCode);
        Assert.Contains("calibration:", cli.Stdout, StringComparison.Ordinal);
        Assert.Contains("limits of this host for this run", cli.Stdout, StringComparison.Ordinal);
        Assert.Contains("memory expected:", cli.Stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out));
    }

    [LabFact]
    public void Run_WhosePlanCannotFitAboveTheFloor_IsRefusedBeforeItStarts()
    {
        var cli = ConnStormCli.Run(TimeSpan.FromSeconds(90), "run", Scenario(100_000), "--memory-floor", "99%", "--out", Out, "--plain");

        Assert.Equal(ExitCodes.EnvironmentCannotRun, cli.ExitCode);
        Assert.Contains("memory allows", cli.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Out, "runs.csv")));
    }

    [LabFact]
    public void Run_ConnectionsMaxWithACap_SizesTheRunAndSaysHow()
    {
        var cli = ConnStormCli.Run(TimeSpan.FromSeconds(90), "run", Scenario(1), "--set", "load.connections=max:3000", "--out", Out, "--plain");

        Assert.Equal(ExitCodes.Ran, cli.ExitCode);
        Assert.Contains("connections: max came to", cli.Stdout, StringComparison.Ordinal);
        // Here every rung allows more than the cap (the port rules alone allow 2 × 64,512).
        Assert.Equal(3000, Row.Attempted);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
