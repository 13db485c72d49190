using ConnStorm.Tests.TestSupport;

namespace ConnStorm.Tests.EndToEnd;

/// <summary>
/// The kernel's port rules, measured through the real CLI in a lab namespace. Every
/// expected figure is derived from the range size the run itself read back from the
/// namespace (runs.csv), never typed in.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PortLimitTests
{
    [LabFact]
    public void Connect_WithoutBind_ToOneTarget_StopsAtRangeSizeWithEaddrnotavail()
    {
        using var run = LabRun.Start("""
            targets: ["127.0.0.1:9000"]
            """);

        Assert.True(run.Cli.ExitCode == 0, run.Cli.Stdout + run.Cli.Stderr);
        var row = run.Row;
        long range = RangeSize(row);
        Assert.Equal(100, range);
        Assert.Equal(range, row.MaxEstablished);
        Assert.Equal(range, row.FirstFailureAt);
        Assert.Equal("EADDRNOTAVAIL", row.FirstFailureErrno);
        Assert.Equal("connect", row.FirstFailurePhase);
        run.AssertNothingLeftBehind();
    }

    [LabFact]
    public void Connect_WithoutBind_ToTwoTargets_HoldsTwiceTheRange()
    {
        using var run = LabRun.Start("""
            targets: ["127.0.0.1:9000-9001"]
            """);

        Assert.True(run.Cli.ExitCode == 0, run.Cli.Stdout + run.Cli.Stderr);
        var row = run.Row;
        Assert.Equal(2 * RangeSize(row), row.MaxEstablished);
        Assert.Equal("EADDRNOTAVAIL", row.FirstFailureErrno);
        AssertFourTuplesUnique(run);
        run.AssertNothingLeftBehind();
    }

    [LabFact]
    public void BindToPortZero_ToTwoTargets_HoldsOnlyTheRangeAndFailsInBindWithEaddrinuse()
    {
        using var run = LabRun.Start("""
            targets: ["127.0.0.1:9000-9001"]
            client:
              bind_before_connect: true
              source_ips: ["127.0.0.1"]
            """);

        Assert.True(run.Cli.ExitCode == 0, run.Cli.Stdout + run.Cli.Stderr);
        var row = run.Row;
        Assert.Equal(RangeSize(row), row.MaxEstablished);
        Assert.Equal("EADDRINUSE", row.FirstFailureErrno);
        Assert.Equal("bind", row.FirstFailurePhase);
        // bind(ip, 0) owns its port: no source port appears twice.
        var ports = run.Connections.Select(c => c.Source).ToList();
        Assert.Equal(ports.Count, ports.Distinct().Count());
        run.AssertNothingLeftBehind();
    }

    [LabFact]
    public void BindWithBindAddressNoPort_ToTwoTargets_HoldsTwiceTheRange()
    {
        using var run = LabRun.Start("""
            targets: ["127.0.0.1:9000-9001"]
            client:
              bind_before_connect: true
              source_ips: ["127.0.0.1"]
              bind_address_no_port: true
            """);

        Assert.True(run.Cli.ExitCode == 0, run.Cli.Stdout + run.Cli.Stderr);
        var row = run.Row;
        Assert.Equal(2 * RangeSize(row), row.MaxEstablished);
        Assert.Equal("EADDRNOTAVAIL", row.FirstFailureErrno);
        Assert.Equal("connect", row.FirstFailurePhase);
        AssertFourTuplesUnique(run);
        run.AssertNothingLeftBehind();
    }

    [LabFact]
    public void ExplicitSourcePorts_WithReuseAddr_CarryConnectionsToBothTargetsOnOnePort()
    {
        using var run = LabRun.Start("""
            targets: ["127.0.0.1:9000-9001"]
            client:
              bind_before_connect: true
              source_ips: ["127.0.0.1"]
              source_ports: "50000-50009"
              reuse_addr: true
            """, connections: 20, stopOn: "never");

        Assert.True(run.Cli.ExitCode == 0, run.Cli.Stdout + run.Cli.Stderr);
        var byPort = run.Connections.GroupBy(c => c.Source).ToList();
        Assert.Equal(20, run.Row.MaxEstablished);
        Assert.Equal(10, byPort.Count);
        Assert.All(byPort, g => Assert.Equal(2, g.Select(c => c.Target).Distinct().Count()));
        AssertFourTuplesUnique(run);
        run.AssertNothingLeftBehind();
    }

    [LabFact]
    public void ExplicitSourcePorts_WithoutReuseAddr_FailTheSecondBindWithEaddrinuse()
    {
        using var run = LabRun.Start("""
            targets: ["127.0.0.1:9000-9001"]
            client:
              bind_before_connect: true
              source_ips: ["127.0.0.1"]
              source_ports: "50000-50009"
            """, connections: 20);

        Assert.True(run.Cli.ExitCode == 0, run.Cli.Stdout + run.Cli.Stderr);
        var row = run.Row;
        // Attempt 0 binds 50000 to the first target; attempt 1 wants 50000 again for the second.
        Assert.Equal(1, row.MaxEstablished);
        Assert.Equal("EADDRINUSE", row.FirstFailureErrno);
        Assert.Equal("bind", row.FirstFailurePhase);
        run.AssertNothingLeftBehind();
    }

    /// <summary>The range as the run read it back inside its namespace.</summary>
    private static long RangeSize(ConnStorm.Results.RunRow row) =>
        row.PortRangeSize ?? throw new Xunit.Sdk.XunitException("runs.csv has no port_range_size");

    private static void AssertFourTuplesUnique(LabRun run)
    {
        var tuples = run.Connections;
        Assert.Equal(tuples.Count, tuples.Distinct().Count());
    }
}
