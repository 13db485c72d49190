using ConnStorm.Scenarios;

namespace ConnStorm.Cluster;

/// <summary>One agent's share of one concrete run.</summary>
public static class ClusterShards
{
    /// <summary>
    /// Agent <paramref name="index"/> of <paramref name="count"/>: load.connections split (the remainder to the
    /// first), load.rate split, and the agent's cluster: entry (source IPs, targets) when it has one. With
    /// several agents an embedded sink listens with SO_REUSEPORT, so agents sharing a host share its port.
    /// With <paramref name="sinkAgents"/> (agents in the sink role serve the targets) the shard has no sink:.
    /// </summary>
    public static Scenario For(Scenario run, int index, int count, ClusterHostSpec? host, bool sinkAgents = false)
    {
        int total = run.Load.Connections;
        int share = total / count + (index == 0 ? total % count : 0);
        var s = run with
        {
            Sweep = null,
            Cluster = null,
            Load = run.Load with { Connections = share, ConnectionsAuto = false, Rate = run.Load.Rate / count },
        };
        if (host is { SourceIps.Count: > 0 })
        {
            s = s with { Client = s.Client with { BindBeforeConnect = true, SourceIps = host.SourceIps } };
        }
        if (host is { Targets.Count: > 0 })
        {
            s = s with { Targets = host.Targets };
        }
        if (sinkAgents)
        {
            s = s with { Sink = null };
        }
        if (count > 1 && s.Sink is not null)
        {
            s = s with { Sink = s.Sink with { ReusePort = true } };
        }
        return s;
    }

    /// <summary>
    /// The plan of an agent in the sink role: the scenario's sink: options (defaults without one) on the
    /// host's listen addresses, no lab (it serves in the agent's own namespace), and load.connections the
    /// whole run's, which is the most it may have to hold: its process budget splits the sink over
    /// SO_REUSEPORT processes by RLIMIT_NOFILE as a local run does. Targets are the listen addresses, so
    /// the agent's --allow-targets bounds what it serves too.
    /// </summary>
    public static Scenario ForSink(Scenario run, ClusterHostSpec host)
    {
        var sink = (run.Sink ?? new SinkSpec { Listen = [] }) with { Listen = host.Listen };
        return run with
        {
            Sweep = null,
            Cluster = null,
            Lab = null,
            Proxy = null,
            Sink = sink,
            Targets = host.Listen,
            Client = run.Client with { BindBeforeConnect = false, SourceIps = [] },
            Load = run.Load with { ConnectionsAuto = false, Rate = run.Load.Rate },
        };
    }

    /// <summary>The plan's scenario as JSON: the resolved form, which loads back with the same binder.</summary>
    public static string ToJson(Scenario shard) =>
        System.Text.Json.JsonSerializer.Serialize(ScenarioYaml.ToResolved(shard));
}
