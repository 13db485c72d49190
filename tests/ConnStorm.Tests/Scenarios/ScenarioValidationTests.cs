using ConnStorm.Scenarios;
using static ConnStorm.Tests.TestSupport.ScenarioText;

namespace ConnStorm.Tests.Scenarios;

public class ScenarioValidationTests
{
    [Fact]
    public void Parse_WithUnknownTopLevelKey_ReportsLineColumnKeyAndAllowedKeys()
    {
        var e = Fails(Minimal + "\ntarget: x\n");

        AssertAt(e, 3, 1, "target");
        Assert.Contains("unknown key", e.Problem, StringComparison.Ordinal);
        Assert.Contains("targets", e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lab:\n  sysctls: {}", 4, 3, "lab.sysctls")]
    [InlineData("sink:\n  listen: 127.0.0.1:9000\n  mode_: hold", 5, 3, "sink.mode_")]
    [InlineData("client:\n  bind: true", 4, 3, "client.bind")]
    [InlineData("load:\n  connection: 1", 4, 3, "load.connection")]
    [InlineData("output:\n  csv: true", 4, 3, "output.csv")]
    public void Parse_WithUnknownNestedKey_ReportsLineColumnAndDottedKey(string tail, int line, int column, string key)
    {
        var e = Fails(Minimal + "\n" + tail + "\n");

        AssertAt(e, line, column, key);
        Assert.Contains("unknown key; allowed under", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WithMissingName_ReportsName()
    {
        var e = Fails("targets: [\"127.0.0.1:9000\"]\n");

        AssertAt(e, 1, 1, "name");
        Assert.Contains("required", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WithMissingTargets_ReportsTargets()
    {
        var e = Fails("name: x\n");

        Assert.Equal("targets", e.Key);
        Assert.Contains("required", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WithEmptyTargets_ReportsTheEmptyList()
    {
        AssertAt(Fails("name: x\ntargets: []\n"), 2, 10, "targets");
    }

    [Fact]
    public void Parse_WithEmptyFile_ReportsMissingKeys()
    {
        Assert.Equal("name", Fails("# nothing here\n").Key);
    }

    [Fact]
    public void Parse_WithSinkWithoutListen_ReportsSinkListen()
    {
        var e = Fails(Minimal + "\nsink:\n  mode: echo\n");

        AssertAt(e, 3, 1, "sink.listen");
    }

    [Theory]
    [InlineData("name: \"a/b\"", "name")]
    [InlineData("name: \"..\"", "name")]
    [InlineData("name: \"\"", "name")]
    public void Parse_WithNameUnfitForAFolder_ReportsName(string line, string key)
    {
        var e = Fails(line + "\ntargets: [\"127.0.0.1:9000\"]\n");

        Assert.Equal(key, e.Key);
        Assert.Equal(1, e.Line);
    }

    [Theory]
    [InlineData("load:\n  connections: many", 4, 16, "load.connections", "integer")]
    [InlineData("load:\n  connections: 0", 4, 16, "load.connections", "out of range")]
    [InlineData("load:\n  connections: 100000001", 4, 16, "load.connections", "out of range")]
    [InlineData("load:\n  connections: [1]", 4, 16, "load.connections", "a list")]
    [InlineData("load:\n  connections:", 4, 15, "load.connections", "null")]
    [InlineData("load:\n  concurrency: 0", 4, 16, "load.concurrency", "out of range")]
    [InlineData("load:\n  rate: -1", 4, 9, "load.rate", "negative")]
    [InlineData("load:\n  rate: fast", 4, 9, "load.rate", "number")]
    [InlineData("load:\n  stop_on: failures:0", 4, 12, "load.stop_on", "stop condition")]
    [InlineData("load:\n  stop_on: sometimes", 4, 12, "load.stop_on", "stop condition")]
    [InlineData("load:\n  time_limit: 0s", 4, 15, "load.time_limit", "above 0")]
    [InlineData("load:\n  hold: -1s", 4, 9, "load.hold", "negative")]
    [InlineData("load:\n  hold: soon", 4, 9, "load.hold", "not a duration")]
    [InlineData("client:\n  connect_timeout: 0", 4, 20, "client.connect_timeout", "above 0")]
    [InlineData("client:\n  linger_rst: yes", 4, 15, "client.linger_rst", "true or false")]
    [InlineData("client:\n  reuse_addr: 1", 4, 15, "client.reuse_addr", "true or false")]
    [InlineData("client: [1]", 3, 9, "client", "mapping")]
    [InlineData("sink:\n  listen: 127.0.0.1:9000\n  backlog: 0", 5, 12, "sink.backlog", "out of range")]
    [InlineData("sink:\n  listen: 127.0.0.1:9000\n  mode: drop", 5, 9, "sink.mode", "hold, echo or no-accept")]
    [InlineData("sink:\n  listen: {a: 1}", 4, 11, "sink.listen", "a mapping")]
    [InlineData("output:\n  timeline_interval: 0.5ms", 4, 22, "output.timeline_interval", "1ms")]
    [InlineData("output:\n  connections_csv: \"maybe\"", 4, 20, "output.connections_csv", "true or false")]
    [InlineData("description: [a]", 3, 14, "description", "a list")]
    public void Parse_WithWrongValue_ReportsLineColumnAndKey(string tail, int line, int column, string key, string problem)
    {
        var e = Fails(Minimal + "\n" + tail + "\n");

        AssertAt(e, line, column, key);
        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("targets: [\"localhost:9000\"]", 2, 11, "not an IP address")]
    [InlineData("targets: [\"127.0.0.1:9000\", \"127.0.0.1\"]", 2, 29, "ADDRESS:PORT")]
    [InlineData("targets: [\"127.0.0.1:9001-9000\"]", 2, 11, "above high port")]
    [InlineData("targets: [\"127.0.0.1:0\"]", 2, 11, "outside 1-65535")]
    [InlineData("targets: [\"127.0.0.1:65536\"]", 2, 11, "outside 1-65535")]
    [InlineData("targets: [\"127.0.0.4-127.0.0.1:9000\"]", 2, 11, "low address")]
    [InlineData("targets: [\"::1:9000\"]", 2, 11, "brackets")]
    [InlineData("targets: [\"127.0.0.1-::2:9000\"]", 2, 11, "brackets")]
    public void Parse_WithMalformedTarget_ReportsTheElementAndTheEndpointProblem(string line, int row, int column, string problem)
    {
        var e = Fails("name: x\n" + line + "\n");

        AssertAt(e, row, column, "targets");
        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
        Assert.IsType<FormatException>(e.InnerException);
    }

    [Theory]
    [InlineData("source_ips: [\"127.0.0.1-::1\"]", 5, 16, "client.source_ips", "IPv4 only")]
    [InlineData("source_ips: [\"127.0.0.300\"]", 5, 16, "client.source_ips", "not an IP address")]
    [InlineData("source_ports: \"50000-49999\"", 5, 17, "client.source_ports", "above high port")]
    [InlineData("source_ports: 70000", 5, 17, "client.source_ports", "outside 1-65535")]
    [InlineData("local_port_range: \"0-100\"", 5, 21, "client.local_port_range", "outside 1-65535")]
    [InlineData("local_port_range: \"a-b\"", 5, 21, "client.local_port_range", "not a port number")]
    public void Parse_WithMalformedClientAddressOrRange_ReportsLineColumnAndKey(
        string line, int row, int column, string key, string problem)
    {
        var e = Fails(Minimal + "\nclient:\n  bind_before_connect: true\n  " + line + "\n");

        AssertAt(e, row, column, key);
        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WithSourcePortsWithoutBind_ReportsSourcePorts()
    {
        var e = Fails(Minimal + "\nclient:\n  source_ports: 50000-50009\n");

        AssertAt(e, 4, 17, "client.source_ports");
        Assert.Contains("bind_before_connect: true", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WithBindAddressNoPortWithoutBind_ReportsBindAddressNoPort()
    {
        var e = Fails(Minimal + "\nclient:\n  bind_before_connect: false\n  bind_address_no_port: true\n");

        AssertAt(e, 5, 25, "client.bind_address_no_port");
        Assert.Contains("bind_before_connect: true", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WithIPv6SourceForIPv4Targets_ReportsTheOffendingSource()
    {
        var e = Fails(Minimal + "\nclient:\n  bind_before_connect: true\n  source_ips:\n    - 127.0.0.1\n    - \"::1\"\n");

        AssertAt(e, 7, 7, "client.source_ips");
        Assert.Contains("::1 is IPv6 but the targets are IPv4", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WithSourceIpsAndTargetsOfMixedFamilies_ReportsSourceIps()
    {
        var e = Fails("""
            name: x
            targets: ["127.0.0.1:9000", "[::1]:9000"]
            client:
              bind_before_connect: true
              source_ips: ["127.0.0.1"]
            """);

        AssertAt(e, 5, 15, "client.source_ips");
        Assert.Contains("mix IPv4 and IPv6", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WithSysctlOutsideTheWhitelist_SaysTheLabOnlyWritesNamespaceKeys()
    {
        var e = Fails(Minimal + "\nlab:\n  sysctl:\n    fs.file-max: 100\n");

        AssertAt(e, 5, 5, "lab.sysctl.fs.file-max");
        Assert.Contains("per-namespace net.* keys", e.Problem, StringComparison.Ordinal);
        Assert.Contains("net.ipv4.ip_local_port_range", e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("net.ipv4.ip_local_port_range: \"40099 40000\"", "above high port")]
    [InlineData("net.ipv4.ip_local_port_range: \"40000\"", "LO HI")]
    [InlineData("net.ipv4.ip_local_port_range: \"40000-40099\"", "LO HI")]
    [InlineData("net.ipv4.ip_local_port_range: \"0 100\"", "outside 1-65535")]
    [InlineData("net.ipv4.ip_local_port_range: \"40000 70000\"", "outside 1-65535")]
    [InlineData("net.ipv4.ip_local_reserved_ports: \"1000,,2000\"", "port list")]
    [InlineData("net.ipv4.ip_local_reserved_ports: \"1000,x\"", "not a port number")]
    [InlineData("net.ipv4.tcp_tw_reuse: yes", "integer")]
    [InlineData("net.core.somaxconn: [1]", "a list")]
    public void Parse_WithSysctlValueOfTheWrongShape_ReportsTheValue(string line, string problem)
    {
        var e = Fails(Minimal + "\nlab:\n  sysctl:\n    " + line + "\n");

        string key = line[..line.IndexOf(':', StringComparison.Ordinal)];
        Assert.Equal($"lab.sysctl.{key}", e.Key);
        Assert.Equal(5, e.Line);
        Assert.Equal(key.Length + 7, e.Column);
        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WithEmptyReservedPorts_IsAcceptedAsAnEmptyValue()
    {
        var s = Parse(Minimal + "\nlab:\n  sysctl:\n    net.ipv4.ip_local_reserved_ports:\n");

        Assert.Equal("", s.Lab!.Sysctl["net.ipv4.ip_local_reserved_ports"]);
    }

    [Fact]
    public void Parse_WithDuplicateTopLevelKey_ReportsTheSecondOne()
    {
        var e = Fails(Minimal + "\nname: again\n");

        AssertAt(e, 3, 1, "name");
        Assert.Contains("duplicate key", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WithDuplicateNestedKey_ReportsItsDottedPath()
    {
        var e = Fails(Minimal + "\nload:\n  connections: 1\n  rate: 2\n  connections: 3\n");

        AssertAt(e, 6, 3, "load.connections");
        Assert.Contains("duplicate key", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WithDuplicateSysctl_ReportsTheFullSysctlKey()
    {
        var e = Fails(Minimal + "\nlab:\n  sysctl:\n    net.core.somaxconn: 1\n    net.core.somaxconn: 2\n");

        AssertAt(e, 6, 5, "lab.sysctl.net.core.somaxconn");
    }

    [Fact]
    public void Parse_WithYamlSyntaxError_ReportsTheMarkPosition()
    {
        var e = Fails("name: x\ntargets: [\"127.0.0.1:9000\"\nload: {}\n");

        Assert.Equal(ScenarioText.Source, e.File);
        Assert.Equal(3, e.Line);
        Assert.True(e.Column >= 1);
        Assert.StartsWith("test.yaml:3:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WithListAtTheTop_SaysAScenarioIsAMapping()
    {
        var e = Fails("- a\n- b\n");

        Assert.Equal(1, e.Line);
        Assert.Contains("mapping", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WithTwoDocuments_RejectsTheSecond()
    {
        var e = Fails(Minimal + "\n---\nname: y\n");

        Assert.Equal(4, e.Line);
    }
}
