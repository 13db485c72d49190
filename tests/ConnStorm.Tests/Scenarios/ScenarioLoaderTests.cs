using System.Net;
using ConnStorm.Scenarios;

namespace ConnStorm.Tests.Scenarios;

public class ScenarioLoaderTests
{
    private const string Full = """
        name: full.example_1
        description: every key set
        lab:
          sysctl:
            net.ipv4.ip_local_port_range: "40000 40099"
            net.ipv4.tcp_tw_reuse: 1
            net.ipv4.ip_local_reserved_ports: "40010,40020-40029"
        sink:
          listen: ["127.0.0.1:9000-9001"]
          backlog: 128
          mode: no-accept
          reuseport: true
        targets: ["127.0.0.1-127.0.0.2:9000-9001", "127.0.0.9:7000"]
        client:
          bind_before_connect: true
          source_ips: ["127.0.0.1-127.0.0.3", "127.0.1.1"]
          source_ports: "50000-50999"
          reuse_addr: true
          bind_address_no_port: true
          local_port_range: "41000-41999"
          linger_rst: true
          connect_timeout: 1.5s
        load:
          connections: 5000
          rate: 250.5
          concurrency: 64
          hold: 2m
          stop_on: failures:10
          time_limit: 1h
        output:
          timeline_interval: 250ms
          connections_csv: false
        """;

    [Fact]
    public void Parse_FullFile_BindsEveryKey()
    {
        var s = ScenarioText.Parse(Full);

        Assert.Equal("full.example_1", s.Name);
        Assert.Equal("every key set", s.Description);
        Assert.Equal(ScenarioText.Source, s.SourcePath);

        Assert.NotNull(s.Lab);
        Assert.Equal("test.yaml:3:1", s.Lab.Location);
        Assert.Equal("40000 40099", s.Lab.Sysctl["net.ipv4.ip_local_port_range"]);
        Assert.Equal("1", s.Lab.Sysctl["net.ipv4.tcp_tw_reuse"]);
        Assert.Equal("40010,40020-40029", s.Lab.Sysctl["net.ipv4.ip_local_reserved_ports"]);

        Assert.NotNull(s.Sink);
        Assert.Equal([new IPEndPoint(IPAddress.Loopback, 9000), new IPEndPoint(IPAddress.Loopback, 9001)], s.Sink.Listen);
        Assert.Equal(128, s.Sink.Backlog);
        Assert.Equal(SinkMode.NoAccept, s.Sink.Mode);
        Assert.True(s.Sink.ReusePort);

        Assert.Equal(
            ["127.0.0.1:9000", "127.0.0.1:9001", "127.0.0.2:9000", "127.0.0.2:9001", "127.0.0.9:7000"],
            s.Targets.Select(t => t.ToString()));

        var c = s.Client;
        Assert.True(c.BindBeforeConnect);
        Assert.Equal(["127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.1.1"], c.SourceIps.Select(a => a.ToString()));
        Assert.Equal(new PortRange(50000, 50999), c.SourcePorts);
        Assert.True(c.ReuseAddr);
        Assert.True(c.BindAddressNoPort);
        Assert.Equal(new PortRange(41000, 41999), c.LocalPortRange);
        Assert.True(c.LingerRst);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), c.ConnectTimeout);

        var l = s.Load;
        Assert.Equal(5000, l.Connections);
        Assert.Equal(250.5, l.Rate);
        Assert.Equal(64, l.Concurrency);
        Assert.Equal(TimeSpan.FromMinutes(2), l.Hold);
        Assert.Equal(new StopOn(StopKind.Failures, 10), l.StopOn);
        Assert.Equal(TimeSpan.FromHours(1), l.TimeLimit);

        Assert.Equal(TimeSpan.FromMilliseconds(250), s.Output.TimelineInterval);
        Assert.False(s.Output.ConnectionsCsv);
    }

    [Fact]
    public void Parse_WithOnlyRequiredKeys_UsesTheDefaults()
    {
        var s = ScenarioText.Parse(ScenarioText.Minimal);

        Assert.Null(s.Description);
        Assert.Null(s.Lab);
        Assert.Null(s.Sink);
        Assert.Empty(s.Client.SourceIps);
        Assert.False(s.Client.BindBeforeConnect);
        Assert.Null(s.Client.SourcePorts);
        Assert.Null(s.Client.LocalPortRange);
        Assert.Equal(TimeSpan.FromSeconds(3), s.Client.ConnectTimeout);
        Assert.Equal(new LoadSpec(), s.Load);
        Assert.Equal(300, s.Load.Connections);
        Assert.Equal(0, s.Load.Rate);
        Assert.Equal(1000, s.Load.Concurrency);
        Assert.Equal(StopOn.FirstFailure, s.Load.StopOn);
        Assert.Equal(TimeSpan.FromSeconds(300), s.Load.TimeLimit);
        Assert.Equal(new OutputSpec(), s.Output);
    }

    [Fact]
    public void Parse_WithSinkDefaults_HoldsWithTheLargeBacklog()
    {
        var s = ScenarioText.Parse(ScenarioText.Minimal + "\nsink:\n  listen: 127.0.0.1:9000\n");

        Assert.NotNull(s.Sink);
        Assert.Equal(65535, s.Sink.Backlog);
        Assert.Equal(SinkMode.Hold, s.Sink.Mode);
        Assert.False(s.Sink.ReusePort);
        Assert.Single(s.Sink.Listen);
    }

    [Fact]
    public void Parse_WithEmptyLabMapping_RunsInANamespaceWithoutSysctls()
    {
        var s = ScenarioText.Parse(ScenarioText.Minimal + "\nlab: {}\n");

        Assert.NotNull(s.Lab);
        Assert.Empty(s.Lab.Sysctl);
        Assert.Equal("test.yaml:3:1", s.Lab.Location);
    }

    [Theory]
    [InlineData("lab:")]
    [InlineData("lab: ~")]
    [InlineData("lab: null")]
    public void Parse_WithNullLab_RunsInTheCurrentNamespace(string line)
    {
        Assert.Null(ScenarioText.Parse(ScenarioText.Minimal + "\n" + line + "\n").Lab);
    }

    [Fact]
    public void Parse_WithNullNullableKeys_TreatsThemAsNotSet()
    {
        var s = ScenarioText.Parse(ScenarioText.Minimal + """

            description: ~
            client:
              source_ips:
              source_ports: null
              local_port_range:
            """);

        Assert.Null(s.Description);
        Assert.Empty(s.Client.SourceIps);
        Assert.Null(s.Client.SourcePorts);
        Assert.Null(s.Client.LocalPortRange);
    }

    [Fact]
    public void Parse_WithASingleStringForAList_TakesItAsAListOfOne()
    {
        var s = ScenarioText.Parse("name: x\ntargets: 127.0.0.1:9000-9002\n");

        Assert.Equal(3, s.Targets.Count);
    }

    [Fact]
    public void Parse_WithIPv6TargetsAndSources_ExpandsThem()
    {
        var s = ScenarioText.Parse("""
            name: v6
            targets: ["[::1]:9000-9001"]
            client:
              bind_before_connect: true
              source_ips: ["::1"]
            """);

        Assert.Equal(["[::1]:9000", "[::1]:9001"], s.Targets.Select(t => t.ToString()));
        Assert.Equal([IPAddress.IPv6Loopback], s.Client.SourceIps);
    }

    [Fact]
    public void Parse_WithMixedTargetFamiliesAndNoSourceIps_IsAllowed()
    {
        var s = ScenarioText.Parse("name: x\ntargets: [\"127.0.0.1:9000\", \"[::1]:9000\"]\n");

        Assert.Equal(2, s.Targets.Count);
    }

    [Theory]
    [InlineData("first_failure", StopKind.FirstFailure, 1)]
    [InlineData("never", StopKind.Never, 1)]
    [InlineData("failures:1", StopKind.Failures, 1)]
    [InlineData("failures:250", StopKind.Failures, 250)]
    public void Parse_StopOn_ReadsEachForm(string text, StopKind kind, int count)
    {
        var s = ScenarioText.Parse(ScenarioText.Minimal + $"\nload:\n  stop_on: \"{text}\"\n");

        Assert.Equal(new StopOn(kind, count), s.Load.StopOn);
    }

    [Theory]
    [InlineData("3s", 3000)]
    [InlineData("100ms", 100)]
    [InlineData("2m", 120_000)]
    [InlineData("1.5s", 1500)]
    [InlineData("1h", 3_600_000)]
    [InlineData("2", 2000)]
    [InlineData("0.25", 250)]
    public void Parse_ConnectTimeout_ReadsEveryDurationForm(string text, int milliseconds)
    {
        var s = ScenarioText.Parse(ScenarioText.Minimal + $"\nclient:\n  connect_timeout: {text}\n");

        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), s.Client.ConnectTimeout);
    }

    [Fact]
    public void Load_ReadsTheFileAndRecordsItsPath()
    {
        string path = Path.Combine(Path.GetTempPath(), $"connstorm-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, ScenarioText.Minimal);
        try
        {
            var s = ScenarioLoader.Load(path);

            Assert.Equal("minimal", s.Name);
            Assert.Equal(path, s.SourcePath);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_WithMissingFile_ReportsThePath()
    {
        string path = Path.Combine(Path.GetTempPath(), $"connstorm-missing-{Guid.NewGuid():N}.yaml");

        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path));

        Assert.Equal(path, e.File);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("not found", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WithUnknownKeyInFile_ReportsFileLineColumnAndKey()
    {
        string path = Path.Combine(Path.GetTempPath(), $"connstorm-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, ScenarioText.Minimal + "\nload:\n  conections: 5\n");
        try
        {
            var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path));

            Assert.StartsWith($"{path}:4:3: load.conections: unknown key", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
