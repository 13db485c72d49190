using System.Text.Json;
using ConnStorm.Scenarios;
using static ConnStorm.Tests.TestSupport.ScenarioText;

namespace ConnStorm.Tests.Scenarios;

public class ScenarioYamlTests
{
    private const string Rich = """
        name: rich
        lab:
          sysctl:
            net.ipv4.ip_local_port_range: "40000 40099"
        sink:
          listen: ["127.0.0.1:9000-9001", "[::1]:9000"]
          mode: no-accept
        targets: ["127.0.0.1-127.0.0.2:9000-9001"]
        client:
          bind_before_connect: true
          source_ips: ["127.0.0.1-127.0.0.2"]
          source_ports: 50000-50009
          reuse_addr: true
          connect_timeout: 1.5s
        load:
          rate: 12.5
          hold: 2m
          stop_on: failures:3
        output:
          timeline_interval: 1s
        """;

    [Fact]
    public void ToResolved_ListsKeysInTheFileVocabularyAndOrder()
    {
        var r = ScenarioYaml.ToResolved(Parse(Rich));

        Assert.Equal(["name", "description", "lab", "sink", "targets", "client", "proxy", "load", "output", "sweep"], r.Keys);
    }

    [Fact]
    public void ToResolved_ExpandsTargetsAndFormatsIPv6InBrackets()
    {
        var r = ScenarioYaml.ToResolved(Parse(Rich));

        Assert.Equal(["127.0.0.1:9000", "127.0.0.1:9001", "127.0.0.2:9000", "127.0.0.2:9001"], (IEnumerable<string>)r["targets"]!);
        var sink = (IReadOnlyDictionary<string, object?>)r["sink"]!;
        Assert.Equal(["127.0.0.1:9000", "127.0.0.1:9001", "[::1]:9000"], (IEnumerable<string>)sink["listen"]!);
        Assert.Equal("no-accept", sink["mode"]);
    }

    [Fact]
    public void ToResolved_WritesDurationsRangesAndStopConditionsAsInTheFile()
    {
        var r = ScenarioYaml.ToResolved(Parse(Rich));
        var client = (IReadOnlyDictionary<string, object?>)r["client"]!;
        var load = (IReadOnlyDictionary<string, object?>)r["load"]!;
        var output = (IReadOnlyDictionary<string, object?>)r["output"]!;

        Assert.Equal(["127.0.0.1", "127.0.0.2"], (IEnumerable<string>)client["source_ips"]!);
        Assert.Equal("50000-50009", client["source_ports"]);
        Assert.Null(client["local_port_range"]);
        Assert.Equal("1500ms", client["connect_timeout"]);
        Assert.Equal("2m", load["hold"]);
        Assert.Equal("5m", load["time_limit"]);
        Assert.Equal("failures:3", load["stop_on"]);
        Assert.Equal(12.5, load["rate"]);
        Assert.Equal("1s", output["timeline_interval"]);
    }

    [Fact]
    public void ToResolved_SerializesWithSystemTextJson()
    {
        string json = JsonSerializer.Serialize(ScenarioYaml.ToResolved(Parse(Rich)));

        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal("rich", root.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("description").ValueKind);
        Assert.Equal("40000 40099", root.GetProperty("lab").GetProperty("sysctl").GetProperty("net.ipv4.ip_local_port_range").GetString());
        Assert.Equal(4, root.GetProperty("targets").GetArrayLength());
        Assert.Equal(300, root.GetProperty("load").GetProperty("connections").GetInt32());
        Assert.True(root.GetProperty("client").GetProperty("reuse_addr").GetBoolean());
    }

    [Fact]
    public void ToResolved_AsJson_LoadsBackToTheSameScenario()
    {
        var first = Parse(Rich);
        string json = JsonSerializer.Serialize(ScenarioYaml.ToResolved(first));

        // JSON is YAML, so the resolved form is itself a scenario file.
        var second = ScenarioLoader.Parse(json, "resolved.json");

        Assert.Equal(first.Targets, second.Targets);
        Assert.Equal(first.Sink!.Listen, second.Sink!.Listen);
        Assert.Equal(first.Client.SourceIps, second.Client.SourceIps);
        Assert.Equal(first.Load, second.Load);
        Assert.Equal(first.Output, second.Output);
        Assert.Equal(json, JsonSerializer.Serialize(ScenarioYaml.ToResolved(second)));
    }

    [Fact]
    public void ToResolved_WithoutLabOrSink_WritesNulls()
    {
        var r = ScenarioYaml.ToResolved(Parse(Minimal));

        Assert.Null(r["lab"]);
        Assert.Null(r["sink"]);
        string json = JsonSerializer.Serialize(r);
        Assert.Contains("\"lab\":null", json, StringComparison.Ordinal);
        Assert.Equal(Parse(Minimal).Targets, ScenarioLoader.Parse(json, "resolved.json").Targets);
    }

    [Fact]
    public void ToResolved_OfEveryExampleFile_RoundTrips()
    {
        foreach (var file in Directory.GetFiles(ScenarioFilesTests.ScenariosFolder(), "*.yaml"))
        {
            string json = JsonSerializer.Serialize(ScenarioYaml.ToResolved(ScenarioLoader.Load(file)));

            Assert.Equal(json, JsonSerializer.Serialize(ScenarioYaml.ToResolved(ScenarioLoader.Parse(json, file))));
        }
    }

    [Fact]
    public void ToResolved_WithoutSweep_WritesNullSweepAndTheConnectionCount()
    {
        var r = ScenarioYaml.ToResolved(Parse(Minimal));

        Assert.Null(r["sweep"]);
        Assert.Equal(300, ((IReadOnlyDictionary<string, object?>)r["load"]!)["connections"]);
    }

    [Fact]
    public void ToResolved_OfSweep_WritesRangesAsLoHiAndVariantsAsClients()
    {
        var s = Parse(SweepText.Full.Replace("\"40000-43999\"", "4000", StringComparison.Ordinal) + "\nload:\n  connections: auto\n");
        var r = ScenarioYaml.ToResolved(s);
        var sweep = (IReadOnlyDictionary<string, object?>)r["sweep"]!;
        var variants = (IReadOnlyDictionary<string, object?>)sweep["variants"]!;
        var bind = (IReadOnlyDictionary<string, object?>)variants["bind"]!;

        Assert.Equal("auto", ((IReadOnlyDictionary<string, object?>)r["load"]!)["connections"]);
        Assert.Equal(["40000 40999", "32768 36767"], (IEnumerable<string>)sweep["port_range"]!);
        Assert.Equal([1, 4], (IEnumerable<int>)sweep["targets"]!);
        Assert.Equal([1, 2], (IEnumerable<int>)sweep["source_ips"]!);
        Assert.Equal(["connect", "bind"], variants.Keys);
        Assert.Equal(((IReadOnlyDictionary<string, object?>)r["client"]!).Keys, bind.Keys);
        Assert.Equal(true, bind["bind_before_connect"]);
        Assert.Equal(["127.0.0.1", "127.0.0.2"], (IEnumerable<string>)bind["source_ips"]!);
    }

    [Fact]
    public void ToResolved_OfSweepWithoutAnyRange_WritesNullPortRange()
    {
        var sweep = (IReadOnlyDictionary<string, object?>)ScenarioYaml.ToResolved(Parse(SweepText.WithSweep("  targets: [1]")))["sweep"]!;

        Assert.Null(sweep["port_range"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ToResolved_OfSweepAsJson_LoadsBackToTheSameRuns(bool auto)
    {
        string yaml = SweepText.Full + "\n    reuse: { bind_before_connect: true, reuse_addr: true, source_ports: 20000-29999 }\n"
            + (auto ? "load:\n  connections: auto\n" : "");
        var first = Parse(yaml);
        string json = JsonSerializer.Serialize(ScenarioYaml.ToResolved(first));

        var second = ScenarioLoader.Parse(json, "resolved.json");

        Assert.Equal(first.Load, second.Load);
        Assert.Equal(first.Sweep!.PortRanges, second.Sweep!.PortRanges);
        Assert.Equal(first.Sweep.Targets, second.Sweep.Targets);
        Assert.Equal(first.Sweep.SourceIps, second.Sweep.SourceIps);
        Assert.Equal(json, JsonSerializer.Serialize(ScenarioYaml.ToResolved(second)));
        Assert.Equal(Runs(first), Runs(second));
    }

    [Fact]
    public void ToResolved_OfSweepWithDefaultedLists_LoadsBackToTheSameRuns()
    {
        var first = Parse(SweepText.WithSweep("  targets: [1]"));
        string json = JsonSerializer.Serialize(ScenarioYaml.ToResolved(first));

        var second = ScenarioLoader.Parse(json, "resolved.json");

        Assert.Equal(json, JsonSerializer.Serialize(ScenarioYaml.ToResolved(second)));
        Assert.Equal(Runs(first), Runs(second));
    }

    [Fact]
    public void ToResolved_OfASweepRun_IsAPlainScenario()
    {
        var run = SweepExpander.Expand(Parse(SweepText.Full + "\nload:\n  connections: auto\n"))[0];
        var r = ScenarioYaml.ToResolved(run.Scenario);

        Assert.Null(r["sweep"]);
        Assert.Equal(1050, ((IReadOnlyDictionary<string, object?>)r["load"]!)["connections"]);
    }

    /// <summary>Each run's id and its resolved scenario, as JSON, so runs compare by value.</summary>
    private static List<string> Runs(ConnStorm.Scenarios.Scenario s) =>
        SweepExpander.Expand(s).Select(r => r.Id + " " + JsonSerializer.Serialize(ScenarioYaml.ToResolved(r.Scenario))).ToList();
}
