using System.Net;
using ConnStorm.Scenarios;

namespace ConnStorm.Tests.Scenarios;

/// <summary>The example scenarios shipped in scenarios/ are documentation: they must always load.</summary>
public class ScenarioFilesTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(ScenariosFolder(), "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(f));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Load_EveryExampleScenario_LoadsWithLoopbackEndpointsAndALab_OrIsAFleetExampleOnBenchmarkAddresses(string file)
    {
        var s = ScenarioLoader.Load(Path.Combine(ScenariosFolder(), file));

        Assert.Equal(Path.GetFileNameWithoutExtension(file), s.Name);
        Assert.StartsWith("#", File.ReadAllText(Path.Combine(ScenariosFolder(), file)), StringComparison.Ordinal);
        if (s.Targets.All(t => !IPAddress.IsLoopback(t.Address)))
        {
            // A fleet example (run --cluster): its hosts are simulated on a bridge in 198.18.0.0/15, the
            // range set aside for network benchmarks, and never anything else.
            Assert.All(s.Targets, t => Assert.True(IsBenchmarkAddress(t.Address), $"{t} is neither loopback nor in 198.18.0.0/15"));
            return;
        }
        Assert.NotNull(s.Lab);
        Assert.NotNull(s.Sink);
        Assert.All(s.Targets.Concat(s.Sink.Listen), e => Assert.True(IPAddress.IsLoopback(e.Address), $"{e} is not loopback"));
        // Behind a proxy the clients connect to the proxy, whose backends are the sink's.
        Assert.All(s.Targets, t => Assert.Contains(t, s.Proxy is null ? s.Sink.Listen : [s.Proxy.Listen]));
    }

    private static bool IsBenchmarkAddress(IPAddress a) =>
        a.GetAddressBytes() is [198, 18 or 19, _, _];

    [Fact]
    public void ScenariosFolder_HoldsTheDocumentedExamples()
    {
        string[] expected =
        [
            "bind-no-port.yaml", "bind-two-targets.yaml", "exhaust-one-target.yaml",
            "hold-19k.yaml", "shared-source-port.yaml", "two-targets.yaml",
        ];

        var present = Directory.GetFiles(ScenariosFolder(), "*.yaml").Select(Path.GetFileName).ToHashSet();
        Assert.Superset(expected.ToHashSet(), present!);
    }

    [Theory]
    [InlineData("exhaust-one-target.yaml", 1, false, false)]
    [InlineData("two-targets.yaml", 2, false, false)]
    [InlineData("bind-two-targets.yaml", 2, true, false)]
    [InlineData("bind-no-port.yaml", 2, true, true)]
    [InlineData("shared-source-port.yaml", 2, true, false)]
    public void Load_PortExhaustionExamples_UseAHundredPortRange(string file, int targets, bool bind, bool noPort)
    {
        var s = ScenarioLoader.Load(Path.Combine(ScenariosFolder(), file));

        Assert.Equal("40000 40099", s.Lab!.Sysctl["net.ipv4.ip_local_port_range"]);
        Assert.Equal(targets, s.Targets.Count);
        Assert.Equal(bind, s.Client.BindBeforeConnect);
        Assert.Equal(noPort, s.Client.BindAddressNoPort);
    }

    [Fact]
    public void Load_SharedSourcePort_SharesTenPortsWithReuseAddr()
    {
        var s = ScenarioLoader.Load(Path.Combine(ScenariosFolder(), "shared-source-port.yaml"));

        Assert.Equal(new PortRange(50000, 50009), s.Client.SourcePorts);
        Assert.True(s.Client.ReuseAddr);
    }

    [Fact]
    public void Load_Hold19k_KeepsTheDefaultPortRange()
    {
        var s = ScenarioLoader.Load(Path.Combine(ScenariosFolder(), "hold-19k.yaml"));

        Assert.Equal(19_000, s.Load.Connections);
        Assert.Empty(s.Lab!.Sysctl);
        Assert.Equal(StopOn.FirstFailure, s.Load.StopOn);
        Assert.Equal(["127.0.0.1:9000"], s.Targets.Select(t => t.ToString()));
    }

    internal static string ScenariosFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ConnStorm.sln")))
            {
                return Path.Combine(dir.FullName, "scenarios");
            }
        }
        throw new InvalidOperationException($"no ConnStorm.sln above {AppContext.BaseDirectory}");
    }
}
