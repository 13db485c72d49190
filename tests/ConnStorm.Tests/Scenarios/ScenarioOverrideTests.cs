using System.Net;
using ConnStorm.Scenarios;
using static ConnStorm.Tests.TestSupport.ScenarioText;

namespace ConnStorm.Tests.Scenarios;

public class ScenarioOverrideTests
{
    [Fact]
    public void Override_WithNumber_ReplacesTheFileValue()
    {
        var s = Parse(Minimal + "\nload:\n  connections: 10\n", "load.connections=5000");

        Assert.Equal(5000, s.Load.Connections);
    }

    [Fact]
    public void Override_OfAbsentSection_CreatesIt()
    {
        var s = Parse(Minimal, "load.hold=2s", "output.connections_csv=false");

        Assert.Equal(TimeSpan.FromSeconds(2), s.Load.Hold);
        Assert.False(s.Output.ConnectionsCsv);
    }

    [Fact]
    public void Override_WithFlowList_ReplacesTheList()
    {
        var s = Parse(Minimal, "client.bind_before_connect=true", "client.source_ips=[127.0.0.1,127.0.0.2]");

        Assert.Equal([IPAddress.Parse("127.0.0.1"), IPAddress.Parse("127.0.0.2")], s.Client.SourceIps);
    }

    [Fact]
    public void Override_OfTargets_ExpandsTheNewPatterns()
    {
        var s = Parse(Minimal, "targets=[\"127.0.0.1-127.0.0.2:9000\", \"[::1]:9001\"]");

        Assert.Equal(["127.0.0.1:9000", "127.0.0.2:9000", "[::1]:9001"], s.Targets.Select(t => t.ToString()));
    }

    [Fact]
    public void Override_OfSysctlWithDots_TakesTheRestOfThePathAsOneKey()
    {
        var s = Parse(Minimal, "lab.sysctl.net.ipv4.ip_local_port_range=\"40000 40099\"");

        Assert.NotNull(s.Lab);
        Assert.Equal("40000 40099", s.Lab.Sysctl["net.ipv4.ip_local_port_range"]);
        Assert.Equal("--set lab.sysctl.net.ipv4.ip_local_port_range", s.Lab.Location);
    }

    [Fact]
    public void Override_OfSysctlWithUnquotedSpace_ReadsThePlainScalar()
    {
        // What arrives after the shell has removed the quotes.
        var s = Parse(Minimal + "\nlab:\n  sysctl:\n    net.ipv4.ip_local_port_range: \"1000 2000\"\n",
            "lab.sysctl.net.ipv4.ip_local_port_range=40000 40099");

        Assert.Equal("40000 40099", s.Lab!.Sysctl["net.ipv4.ip_local_port_range"]);
        Assert.Equal("test.yaml:3:1", s.Lab.Location);
    }

    [Fact]
    public void Override_WithEmptyValue_UnsetsANullableKey()
    {
        var s = Parse(Minimal + "\nclient:\n  local_port_range: 41000-41999\n", "client.local_port_range=");

        Assert.Null(s.Client.LocalPortRange);
    }

    [Fact]
    public void Override_WithUnknownKey_ReportsItLikeAnUnknownKeyInTheFile()
    {
        var e = Fails(Minimal, "load.conections=5");

        Assert.Equal("--set load.conections", e.File);
        Assert.Equal(0, e.Line);
        Assert.Equal("load.conections", e.Key);
        Assert.StartsWith("--set load.conections: load.conections: unknown key; allowed under load: connections",
            e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Override_WithUnknownTopLevelKey_ReportsTheKey()
    {
        var e = Fails(Minimal, "nmae=x");

        Assert.Equal("--set nmae", e.File);
        Assert.Equal("nmae", e.Key);
        Assert.Contains("unknown key", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Override_WithInvalidValue_IsLocatedAtTheOverride()
    {
        var e = Fails(Minimal + "\nload:\n  connections: 10\n", "load.connections=lots");

        Assert.Equal("--set load.connections", e.File);
        Assert.Equal("load.connections", e.Key);
        Assert.StartsWith("--set load.connections: load.connections: expected an integer", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Override_OfSysctlOutsideTheWhitelist_IsLocatedAtTheOverride()
    {
        var e = Fails(Minimal, "lab.sysctl.kernel.pid_max=10");

        Assert.Equal("--set lab.sysctl.kernel.pid_max", e.File);
        Assert.Equal("lab.sysctl.kernel.pid_max", e.Key);
    }

    [Theory]
    [InlineData("load.connections")]
    [InlineData("=5")]
    [InlineData("")]
    public void Override_WithoutKeyEqualsValue_IsAnError(string text)
    {
        var e = Fails(Minimal, text);

        Assert.Contains("KEY=VALUE", e.Problem, StringComparison.Ordinal);
        Assert.StartsWith("--set", e.File, StringComparison.Ordinal);
    }

    [Fact]
    public void Override_WithEmptyPathSegment_IsAnError()
    {
        var e = Fails(Minimal, "load..connections=5");

        Assert.Equal("--set load..connections", e.File);
    }

    [Fact]
    public void Override_BelowAScalar_IsAnError()
    {
        var e = Fails(Minimal, "name.first=x");

        Assert.Equal("name", e.Key);
        Assert.Contains("not a mapping", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Override_WithMalformedYamlValue_IsAnError()
    {
        var e = Fails(Minimal, "targets=[127.0.0.1:9000");

        Assert.Equal("--set targets", e.File);
        Assert.Contains("not a YAML value", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Override_AppliedInOrder_LastOneWins()
    {
        var s = Parse(Minimal, "load.rate=10", "load.rate=20.5");

        Assert.Equal(20.5, s.Load.Rate);
    }
}
