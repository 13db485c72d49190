using System.Net;
using ConnStorm.Sockets;

namespace ConnStorm.Scenarios;

/// <summary>
/// The scenario as it actually ran, in the file's own vocabulary with every pattern expanded
/// and every default filled in: the manifest records it so a run can be repeated from the
/// results alone. Only strings, numbers, bools, nulls, lists and ordered dictionaries, so
/// System.Text.Json writes it without configuration (and the JSON loads back as a scenario).
/// </summary>
public static class ScenarioYaml
{
    public static IReadOnlyDictionary<string, object?> ToResolved(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var c = scenario.Client;
        var l = scenario.Load;
        return new OrderedDictionary<string, object?>
        {
            ["name"] = scenario.Name,
            ["description"] = scenario.Description,
            ["lab"] = scenario.Lab is null ? null : new OrderedDictionary<string, object?>
            {
                ["sysctl"] = new OrderedDictionary<string, object?>(
                    scenario.Lab.Sysctl.Select(kv => KeyValuePair.Create(kv.Key, (object?)kv.Value))),
            },
            ["sink"] = scenario.Sink is null ? null : new OrderedDictionary<string, object?>
            {
                ["listen"] = Endpoints(scenario.Sink.Listen),
                ["backlog"] = scenario.Sink.Backlog,
                ["mode"] = scenario.Sink.Mode switch
                {
                    SinkMode.Echo => "echo",
                    SinkMode.NoAccept => "no-accept",
                    _ => "hold",
                },
                ["reuseport"] = scenario.Sink.ReusePort,
            },
            ["targets"] = Endpoints(scenario.Targets),
            ["client"] = new OrderedDictionary<string, object?>
            {
                ["bind_before_connect"] = c.BindBeforeConnect,
                ["source_ips"] = c.SourceIps.Select(a => a.ToString()).ToList(),
                ["source_ports"] = c.SourcePorts?.ToString(),
                ["reuse_addr"] = c.ReuseAddr,
                ["bind_address_no_port"] = c.BindAddressNoPort,
                ["local_port_range"] = c.LocalPortRange?.ToString(),
                ["linger_rst"] = c.LingerRst,
                ["connect_timeout"] = Durations.Format(c.ConnectTimeout),
            },
            ["load"] = new OrderedDictionary<string, object?>
            {
                ["connections"] = l.Connections,
                ["rate"] = l.Rate,
                ["concurrency"] = l.Concurrency,
                ["hold"] = Durations.Format(l.Hold),
                ["stop_on"] = l.StopOn.ToString(),
                ["time_limit"] = Durations.Format(l.TimeLimit),
            },
            ["output"] = new OrderedDictionary<string, object?>
            {
                ["timeline_interval"] = Durations.Format(scenario.Output.TimelineInterval),
                ["connections_csv"] = scenario.Output.ConnectionsCsv,
            },
        };
    }

    private static List<string> Endpoints(IEnumerable<IPEndPoint> endpoints) =>
        endpoints.Select(e => SockAddr.Format(e.Address, e.Port)).ToList();
}
