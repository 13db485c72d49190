using ConnStorm.Results;

namespace ConnStorm.Tests.Results;

public sealed class ClusterFileTests
{
    private const string Sample = """
        { "schema": "connstorm.cluster/1",
          "nats": "nats://198.18.0.1:4222",
          "coordinator_hostname": "vm",
          "hosts": [ { "name": "a1", "kernel_release": "6.18.44", "cores": 2, "rlimit_nofile": 20000,
                       "addresses": ["198.18.0.11"], "port_range": "32768 60999",
                       "clock_offset_ms": 0.12, "rtt_ms": 0.31, "role": "load" } ],
          "runs": [ { "run": 1, "id": "001-connect-r500-t1-s1", "run_dir": "runs/001-connect-r500-t1-s1",
                      "start_utc": "2026-11-30T12:00:00.000Z",
                      "hosts": [ { "name": "a1", "status": "lost", "lost_at_ms": 1250.5, "attempts": 500, "error": null } ] } ] }
        """;

    [Fact]
    public void The_contracts_sample_reads_into_the_typed_record()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("cluster.json"), Sample);

        var cluster = ClusterFile.Read(dir.File("cluster.json"));

        Assert.Equal(("vm", "nats://198.18.0.1:4222"), (cluster.CoordinatorHostname, cluster.Nats));
        var host = Assert.Single(cluster.Hosts);
        Assert.Equal(("a1", "32768 60999", 0.12, 0.31, 20000L), (host.Name, host.PortRange, host.ClockOffsetMs, host.RttMs, host.RlimitNofile));
        var run = Assert.Single(cluster.Runs);
        Assert.Equal(new DateTime(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc), run.StartUtc);
        Assert.Equal(DateTimeKind.Utc, run.StartUtc.Kind);
        var outcome = Assert.Single(run.Hosts);
        Assert.Equal((HostStatus.Lost, 1250.5, 500L), (outcome.Status, outcome.LostAtMs, outcome.Attempts));
    }

    [Fact]
    public void Written_and_read_back_it_is_the_same_with_snake_case_keys()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("in.json"), Sample);
        var cluster = ClusterFile.Read(dir.File("in.json"));

        ClusterFile.Write(dir.File("out.json"), cluster);

        var text = File.ReadAllText(dir.File("out.json"));
        Assert.Contains("\"coordinator_hostname\": \"vm\"", text, StringComparison.Ordinal);
        Assert.Contains("\"clock_offset_ms\": 0.12", text, StringComparison.Ordinal);
        Assert.Contains("\"start_utc\": \"2026-11-30T12:00:00Z\"", text, StringComparison.Ordinal);
        var back = ClusterFile.Read(dir.File("out.json"));
        Assert.Equal(cluster.Hosts[0] with { Addresses = [] }, back.Hosts[0] with { Addresses = [] });
        Assert.Equal(cluster.Hosts[0].Addresses, back.Hosts[0].Addresses);
        Assert.Equal(cluster.Runs[0].Hosts[0], back.Runs[0].Hosts[0]);
    }
}
