using System.Net;
using ConnStorm.Scenarios;
using static ConnStorm.Tests.TestSupport.ScenarioText;

namespace ConnStorm.Tests.Proxy;

/// <summary>The proxy: section, its checks against sink, targets and client, and its sweep dimensions.</summary>
public class ProxyKeysTests
{
    private const string Sink = """
        name: proxied
        sink:
          listen: ["127.0.0.2-127.0.0.5:9000"]
          mode: echo
        """;

    private static string Proxied(string backends = "[\"127.0.0.2-127.0.0.5:9000\"]", string targets = "[\"127.0.0.1:8000\"]", string verify = "echo", string extra = "") => Sink + $"""

        proxy:
          listen: "127.0.0.1:8000"
          backends: {backends}
        {extra}
        targets: {targets}
        client:
          verify: {verify}
        """;

    [Fact]
    public void Parse_AProxyWithOnlyListenAndBackends_ExpandsTheBackendsAndFillsTheDefaults()
    {
        var p = Parse(Proxied()).Proxy!;

        Assert.Equal(IPEndPoint.Parse("127.0.0.1:8000"), p.Listen);
        Assert.Equal(["127.0.0.2:9000", "127.0.0.3:9000", "127.0.0.4:9000", "127.0.0.5:9000"], p.Backends.Select(b => b.ToString()));
        Assert.Equal(ProxyBalance.RoundRobin, p.Balance);
        Assert.Empty(p.Source);
        Assert.Equal(200_000, p.MaxConn);
        Assert.Equal(TimeSpan.FromSeconds(3), p.TimeoutConnect);
    }

    [Fact]
    public void Parse_EveryProxyKey_IsBound()
    {
        var p = Parse(Proxied(extra: "  balance: leastconn\n  source: [\"127.0.0.2\", \"127.0.0.3\"]\n  maxconn: 5000\n  timeout_connect: 500ms")).Proxy!;

        Assert.Equal(ProxyBalance.LeastConn, p.Balance);
        Assert.Equal([IPAddress.Parse("127.0.0.2"), IPAddress.Parse("127.0.0.3")], p.Source);
        Assert.Equal(5000, p.MaxConn);
        Assert.Equal(TimeSpan.FromMilliseconds(500), p.TimeoutConnect);
    }

    [Fact]
    public void Parse_OneSourceAddress_StandsForAListOfOne()
    {
        Assert.Equal([IPAddress.Parse("127.0.0.1")], Parse(Proxied(extra: "  source: \"127.0.0.1\"")).Proxy!.Source);
    }

    [Fact]
    public void Parse_ABackendTheSinkDoesNotListenOn_IsALocatedErrorNamingIt()
    {
        var e = Fails(Proxied(backends: "[\"127.0.0.2-127.0.0.6:9000\"]"));

        AssertAt(e, 7, 14, "proxy.backends");
        Assert.Contains("127.0.0.6:9000 is not in sink.listen", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TargetsOtherThanTheProxyListen_IsALocatedErrorOnTargets()
    {
        var e = Fails(Proxied(targets: "[\"127.0.0.2:9000\"]"));

        AssertAt(e, 9, 10, "targets");
        Assert.Contains("targets must be [\"127.0.0.1:8000\"]", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AProxyWithoutVerifyEcho_IsALocatedErrorOnClientVerify()
    {
        var e = Fails(Proxied(verify: "none"));

        AssertAt(e, 11, 11, "client.verify");
        Assert.Contains("needs client.verify: echo", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AProxyWithoutASink_IsALocatedErrorOnProxy()
    {
        var e = Fails("""
            name: nosink
            proxy:
              listen: "127.0.0.1:8000"
              backends: ["127.0.0.2:9000"]
            targets: ["127.0.0.1:8000"]
            client:
              verify: echo
            """);

        AssertAt(e, 2, 1, "proxy");
        Assert.Contains("needs the embedded sink", e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  balance: random", "proxy.balance", "roundrobin or leastconn")]
    [InlineData("  maxconn: 0", "proxy.maxconn", "1")]
    [InlineData("  source: \"not-an-ip\"", "proxy.source", "")]
    [InlineData("  timeout_connect: soon", "proxy.timeout_connect", "soon")]
    [InlineData("  port: 1", "proxy.port", "")]
    public void Parse_ABadProxyValue_NamesTheKey(string extra, string key, string mentioned)
    {
        var e = Fails(Proxied(extra: extra));

        Assert.Equal(key, e.Key);
        Assert.Equal(8, e.Line);
        Assert.Contains(mentioned, e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AListenPatternOfSeveralEndpoints_IsAnErrorOnProxyListen()
    {
        var e = Fails(Proxied().Replace("\"127.0.0.1:8000\"\n  backends", "\"127.0.0.1:8000-8001\"\n  backends", StringComparison.Ordinal));

        AssertAt(e, 6, 11, "proxy.listen");
    }

    private static string Swept(string sweep) => Proxied().Replace("proxied", "swept", StringComparison.Ordinal)
        + "\nlab:\n  sysctl:\n    net.ipv4.ip_local_port_range: \"40000 40019\"\nsweep:\n" + sweep + "\n";

    [Fact]
    public void Expand_BackendsAndProxySource_AreInnermostWithTheirOwnRunIdTags()
    {
        var runs = SweepExpander.Expand(Parse(Swept("  backends: [1, 4]\n  proxy_source: [none, \"127.0.0.2\", \"127.0.0.2-127.0.0.5\"]")));

        Assert.Equal(
            ["001-default-r20-t1-s1-b1-pk", "002-default-r20-t1-s1-b1-p127.0.0.2", "003-default-r20-t1-s1-b1-p4",
             "004-default-r20-t1-s1-b4-pk", "005-default-r20-t1-s1-b4-p127.0.0.2", "006-default-r20-t1-s1-b4-p4"],
            runs.Select(r => r.Id));
        Assert.Equal([1, 1, 1, 4, 4, 4], runs.Select(r => r.Scenario.Proxy!.Backends.Count));
        Assert.Equal([0, 1, 4, 0, 1, 4], runs.Select(r => r.Scenario.Proxy!.Source.Count));
        Assert.Equal("127.0.0.2-127.0.0.5", runs[2].Scenario.Proxy!.SourceText);
    }

    [Fact]
    public void Parse_SweepBackendsAboveTheProxysCount_IsALocatedError()
    {
        var e = Fails(Swept("  backends: [1, 5]"));

        Assert.Equal("sweep.backends", e.Key);
        Assert.Contains("5 is more than the 4 proxy backends", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SweepBackendsWithoutAProxy_SaysItNeedsOne()
    {
        var e = Fails("""
            name: noproxy
            lab: {}
            sink:
              listen: ["127.0.0.1:9000"]
            targets: ["127.0.0.1:9000"]
            sweep:
              backends: [1]
            """);

        AssertAt(e, 7, 13, "sweep.backends");
        Assert.Contains("needs proxy:", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ToResolved_AProxiedSweep_LoadsBackAsTheSameRuns()
    {
        var s = Parse(Swept("  backends: [1, 4]\n  proxy_source: [none, \"127.0.0.2-127.0.0.5\"]"));
        string json = System.Text.Json.JsonSerializer.Serialize(ScenarioYaml.ToResolved(s));

        var again = ScenarioLoader.Parse(json, "resolved.json", []);

        Assert.Equal(SweepExpander.Expand(s).Select(r => r.Id), SweepExpander.Expand(again).Select(r => r.Id));
        Assert.Equal(s.Proxy!.Backends, again.Proxy!.Backends);
        Assert.Equal(
            SweepExpander.Expand(s).Select(r => r.Scenario.Proxy!.SourceText),
            SweepExpander.Expand(again).Select(r => r.Scenario.Proxy!.SourceText));
    }
}
