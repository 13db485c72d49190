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
        var l = scenario.Load;
        var resolved = new OrderedDictionary<string, object?>
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
            ["client"] = Client(scenario.Client),
            ["proxy"] = scenario.Proxy is not { } p ? null : new OrderedDictionary<string, object?>
            {
                ["listen"] = SockAddr.Format(p.Listen.Address, p.Listen.Port),
                ["backends"] = Endpoints(p.Backends),
                ["balance"] = p.BalanceName,
                ["source"] = p.Source.Count == 0 ? null : p.Source.Select(a => a.ToString()).ToList(),
                ["maxconn"] = p.MaxConn,
                ["timeout_connect"] = Durations.Format(p.TimeoutConnect),
            },
            ["load"] = new OrderedDictionary<string, object?>
            {
                ["mode"] = l.Mode == LoadMode.Churn ? "churn" : "hold",
                // "auto" rather than the number it came to, so a rerun sizes itself again.
                ["connections"] = l.ConnectionsAuto ? "auto" : l.ConnectionsMax ? (l.ConnectionsMaxCap is { } cap ? $"max:{cap}" : "max") : l.Connections,
                ["rate"] = l.Rate,
                ["concurrency"] = l.Concurrency,
                ["hold"] = Durations.Format(l.Hold),
                ["stop_on"] = l.StopOn.ToString(),
                ["time_limit"] = Durations.Format(l.TimeLimit),
                ["duration"] = l.Duration is { } d ? Durations.Format(d) : null,
                ["ping_interval"] = Durations.Format(l.PingInterval),
                ["memory_floor"] = l.MemoryFloor.IsDefault ? null : l.MemoryFloor.Bytes is { } floor ? floor.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{l.MemoryFloor.Percent}%"),
            },
            ["output"] = new OrderedDictionary<string, object?>
            {
                ["timeline_interval"] = Durations.Format(scenario.Output.TimelineInterval),
                ["connections_csv"] = scenario.Output.ConnectionsCsv,
            },
            ["sweep"] = scenario.Sweep is null ? null : Sweep(scenario.Sweep),
        };
        // Only when given: a local scenario's manifest keeps the keys it always had.
        if (scenario.Cluster is { } cluster)
        {
            resolved["cluster"] = new OrderedDictionary<string, object?>
            {
                ["hosts"] = new OrderedDictionary<string, object?>(cluster.Hosts.Select(h => KeyValuePair.Create(h.Name, (object?)ClusterHost(h)))),
            };
        }
        return resolved;
    }

    /// <summary>
    /// Every list written out, defaults included; a variant's client in full, so it loads back
    /// the same whatever client: says.
    /// </summary>
    private static OrderedDictionary<string, object?> Sweep(SweepSpec sweep) => new()
    {
        // An empty list is "keep the namespace default"; written as null, since [] would not load.
        ["port_range"] = sweep.PortRanges.Count == 0 ? null : sweep.PortRanges.Select(LabPortRange.Format).ToList(),
        ["targets"] = sweep.Targets.ToList(),
        ["source_ips"] = sweep.SourceIps.ToList(),
        ["variants"] = new OrderedDictionary<string, object?>(
            sweep.Variants.Select(v => KeyValuePair.Create(v.Name, (object?)Client(v.Client)))),
        // Like port_range: an empty list would not load back, so none is written as null.
        ["include"] = sweep.Include.Count == 0 ? null : sweep.Include.Select(i => (object?)new OrderedDictionary<string, object?>
        {
            ["variant"] = i.Variant,
            ["port_range"] = i.PortRange is { } r ? LabPortRange.Format(r) : null,
            ["targets"] = i.Targets,
            ["source_ips"] = i.SourceIps,
            ["connections"] = i.ConnectionsMax ? (i.ConnectionsMaxCap is { } cap ? $"max:{cap}" : "max") : i.Connections is { } n ? n : "auto",
        }).ToList(),
        ["tw_reuse"] = sweep.TwReuse.Count == 0 ? null : sweep.TwReuse.ToList(),
        ["backends"] = sweep.ProxyBackends.Count == 0 ? null : sweep.ProxyBackends.ToList(),
        ["proxy_source"] = sweep.ProxySources.Count == 0 ? null : sweep.ProxySources
            .Select(v => v.Count == 0 ? (object?)"none" : v.Select(a => a.ToString()).ToList()).ToList(),
    };

    private static OrderedDictionary<string, object?> Client(ClientSpec c) => new()
    {
        ["bind_before_connect"] = c.BindBeforeConnect,
        ["source_ips"] = c.SourceIps.Select(a => a.ToString()).ToList(),
        ["source_ports"] = c.SourcePorts?.ToString(),
        ["reuse_addr"] = c.ReuseAddr,
        ["bind_address_no_port"] = c.BindAddressNoPort,
        ["local_port_range"] = c.LocalPortRange?.ToString(),
        ["linger_rst"] = c.LingerRst,
        ["connect_timeout"] = Durations.Format(c.ConnectTimeout),
        ["close"] = c.Close.ToName(),
        ["verify"] = c.Verify == VerifyMode.Echo ? "echo" : "none",
        ["payload_bytes"] = c.PayloadBytes,
    };

    /// <summary>Only the lists given: an empty one would not load back.</summary>
    private static OrderedDictionary<string, object?> ClusterHost(ClusterHostSpec host)
    {
        var d = new OrderedDictionary<string, object?>();
        if (host.Role == ClusterRole.Sink)
        {
            d["role"] = "sink";
            d["listen"] = Endpoints(host.Listen);
        }
        if (host.SourceIps.Count > 0)
        {
            d["source_ips"] = host.SourceIps.Select(a => a.ToString()).ToList();
        }
        if (host.Targets.Count > 0)
        {
            d["targets"] = Endpoints(host.Targets);
        }
        return d;
    }

    private static List<string> Endpoints(IEnumerable<IPEndPoint> endpoints) =>
        endpoints.Select(e => SockAddr.Format(e.Address, e.Port)).ToList();
}
