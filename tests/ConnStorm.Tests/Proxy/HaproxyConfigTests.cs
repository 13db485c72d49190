using System.Net;
using ConnStorm.Proxy;
using ConnStorm.Scenarios;

namespace ConnStorm.Tests.Proxy;

public class HaproxyConfigTests
{
    private static ProxySpec Spec(params string[] source) => new()
    {
        Listen = IPEndPoint.Parse("127.0.0.1:8000"),
        Backends = [IPEndPoint.Parse("127.0.0.2:9000"), IPEndPoint.Parse("127.0.0.3:9000")],
        Source = source.Select(IPAddress.Parse).ToList(),
        TimeoutConnect = TimeSpan.FromMilliseconds(1500),
    };

    private static string[] ServerLines(string cfg) =>
        cfg.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("server ", StringComparison.Ordinal)).ToArray();

    [Fact]
    public void Build_WithoutSource_WritesOneServerPerBackendAndNoSourceSoTheKernelPicks()
    {
        string cfg = HaproxyConfig.Build(Spec(), "/run/x/haproxy.sock", 9000);

        Assert.Equal(["server b1 127.0.0.2:9000", "server b2 127.0.0.3:9000"], ServerLines(cfg));
        Assert.DoesNotContain("source", cfg, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WithOneSource_BindsItOnEveryServer()
    {
        Assert.Equal(
            ["server b1 127.0.0.2:9000 source 127.0.0.1", "server b2 127.0.0.3:9000 source 127.0.0.1"],
            ServerLines(HaproxyConfig.Build(Spec("127.0.0.1"), "/s", 9000)));
    }

    [Fact]
    public void Build_WithSeveralSources_WritesOneServerPerSourceAndBackendPair()
    {
        Assert.Equal(
            [
                "server b1-s1 127.0.0.2:9000 source 127.0.0.6", "server b1-s2 127.0.0.2:9000 source 127.0.0.7",
                "server b2-s1 127.0.0.3:9000 source 127.0.0.6", "server b2-s2 127.0.0.3:9000 source 127.0.0.7",
            ],
            ServerLines(HaproxyConfig.Build(Spec("127.0.0.6", "127.0.0.7"), "/s", 9000)));
    }

    [Fact]
    public void Build_WritesTcpModeTheStatsSocketStderrLoggingMaxconnTimeoutsFrontendAndBalance()
    {
        string cfg = HaproxyConfig.Build(Spec() with { Balance = ProxyBalance.LeastConn }, "/run/x/haproxy.sock", 1234);

        Assert.Contains("stats socket /run/x/haproxy.sock mode 600 level admin", cfg, StringComparison.Ordinal);
        Assert.Contains("log stderr format raw local0", cfg, StringComparison.Ordinal);
        Assert.Contains("mode tcp", cfg, StringComparison.Ordinal);
        Assert.Equal(2, cfg.Split('\n').Count(l => l.Trim() == "maxconn 1234"));
        Assert.Contains("timeout connect 1500ms", cfg, StringComparison.Ordinal);
        Assert.Contains("bind 127.0.0.1:8000", cfg, StringComparison.Ordinal);
        Assert.Contains("balance leastconn", cfg, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(200_000, 20_000UL, 9950)]
    [InlineData(5000, 20_000UL, 5000)]
    [InlineData(200_000, 1_048_576UL, 200_000)]
    public void EffectiveMaxConn_IsTheScenariosUnlessTwoDescriptorsPerConnectionDoNotFitTheHardLimit(int wanted, ulong hard, int expected)
    {
        Assert.Equal(expected, HaproxyConfig.EffectiveMaxConn(wanted, hard));
    }
}
