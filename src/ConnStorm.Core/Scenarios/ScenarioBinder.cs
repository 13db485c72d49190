using System.Net;
using System.Net.Sockets;
using ConnStorm.Lab;
using YamlDotNet.RepresentationModel;

namespace ConnStorm.Scenarios;

/// <summary>
/// Binds a YAML tree to <see cref="Scenario"/> by hand, so that every error can name the
/// node's line, column and dotted key rather than a deserializer's guess.
/// </summary>
internal sealed partial class ScenarioBinder(SourceMap map)
{
    private static readonly string[] TopKeys = ["name", "description", "lab", "sink", "targets", "client", "load", "output", "sweep", "proxy", "cluster"];
    private static readonly string[] LabKeys = ["sysctl"];
    private static readonly string[] SinkKeys = ["listen", "backlog", "mode", "reuseport"];
    private static readonly string[] ClientKeys =
    [
        "bind_before_connect", "source_ips", "source_ports", "reuse_addr",
        "bind_address_no_port", "local_port_range", "linger_rst", "connect_timeout",
        "close", "verify", "payload_bytes",
    ];
    private static readonly string[] LoadKeys =
        ["connections", "rate", "concurrency", "hold", "stop_on", "time_limit", "mode", "duration", "ping_interval", "memory_floor"];
    private static readonly string[] OutputKeys = ["timeline_interval", "connections_csv"];

    public const int MaxConnections = 100_000_000;

    public Scenario Bind(YamlMappingNode root)
    {
        var top = Section(root, root, "", TopKeys);
        string name = top.Required("name", Name);
        var targets = top.Required("targets", NonEmptyEndpoints);
        // Read in this order: the sweep checks itself against lab, targets and client, and
        // connections: auto against the port ranges of lab and sweep.
        string? description = top.Optional<string?>("description", null, (n, k) => Text(n, k, "a text"));
        var lab = top.Optional<LabSpec?>("lab", null, (n, _) => BindLab(top.KeyOf("lab"), n));
        var sink = top.Optional<SinkSpec?>("sink", null, (n, _) => BindSink(top.KeyOf("sink"), n));
        var client = top.Optional("client", new ClientSpec(), (n, _) => BindClient(ClientSection(top), targets, sink));
        var proxy = top.Optional<ProxySpec?>("proxy", null, (n, _) => BindProxy(top.KeyOf("proxy"), n, sink, targets, top));
        CheckProxyVerify(proxy, client, ClientSection(top));
        var sweep = top.Optional<SweepSpec?>("sweep", null,
            (n, _) => BindSweep(top.KeyOf("sweep"), n, lab, targets, client, ClientSection(top), sink, proxy));
        var labRange = LabPortRange.Of(lab);
        bool rangeKnown = labRange is not null || sweep?.PortRanges.Count > 0;
        var load = top.Optional("load", new LoadSpec(), (n, _) => BindLoad(top.KeyOf("load"), n, rangeKnown, sink));
        CheckCloseNeedsChurn(client, load, ClientSection(top));
        if (load.ConnectionsAuto && labRange is { } range)
        {
            // Sized for the base scenario now; a sweep sizes each of its runs again.
            load = load with { Connections = AutoConnections.Resolve(client, range, targets.Count) };
        }
        return new Scenario
        {
            Name = name,
            Description = description,
            Lab = lab,
            Sink = sink,
            Targets = targets,
            Client = client,
            Proxy = proxy,
            Load = load,
            Output = top.Optional("output", new OutputSpec(), (n, _) => BindOutput(top.KeyOf("output"), n)),
            Sweep = sweep,
            Cluster = top.Optional<ClusterSpec?>("cluster", null, (n, _) => BindCluster(top.KeyOf("cluster"), n)),
        };
    }

    /// <summary>The client: section's keys; none when it is absent or null.</summary>
    private SectionReader ClientSection(SectionReader top)
    {
        var node = top.ValueOf("client");
        return ReferenceEquals(node, top.KeyOf("client")) || IsNull(node)
            ? Section(new YamlMappingNode(), top.KeyOf("client"), "client", ClientKeys)
            : Section(node, top.KeyOf("client"), "client", ClientKeys);
    }

    private string Name(YamlNode node, string key)
    {
        string name = Text(node, key, "a name");
        // The name becomes a results folder: keep it to characters every shell and filesystem take as-is.
        bool ok = name.Length > 0 && name is not ("." or "..")
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
        return ok ? name : throw map.Error(node, key,
            $"'{name}' is not a valid name: use letters, digits, '.', '_' and '-' (it names the results folder)");
    }

    private LabSpec BindLab(YamlNode keyNode, YamlNode node)
    {
        var s = Section(node, keyNode, "lab", LabKeys);
        return new LabSpec
        {
            Sysctl = s.Optional<IReadOnlyDictionary<string, string>>("sysctl", new Dictionary<string, string>(), Sysctl),
            Location = map.Location(keyNode),
        };
    }

    private Dictionary<string, string> Sysctl(YamlNode node, string key)
    {
        if (node is not YamlMappingNode mapping)
        {
            throw map.Error(node, key, $"expected a mapping of sysctl names to values, got {Describe(node)}");
        }
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in mapping.Children)
        {
            string name = k is YamlScalarNode { Value: { } text } ? text : "";
            string path = $"{key}.{name}";
            if (!SysctlWhitelist.Keys.TryGetValue(name, out var kind))
            {
                throw map.Error(k, path,
                    $"'{name}' is not a sysctl the lab may set: the lab only writes per-namespace net.* keys, never the host's " +
                    $"(allowed: {string.Join(", ", SysctlWhitelist.Keys.Keys)})");
            }
            string value = IsNull(v) && kind == "ports" ? "" : Text(v, path, SysctlValues.Describe(kind));
            try
            {
                result[name] = SysctlValues.Normalize(kind, value);
            }
            catch (FormatException e)
            {
                throw map.Error(v, path, e.Message, e);
            }
        }
        return result;
    }

    private SinkSpec BindSink(YamlNode keyNode, YamlNode node)
    {
        var s = Section(node, keyNode, "sink", SinkKeys);
        var d = new SinkSpec { Listen = [] };
        return new SinkSpec
        {
            Listen = s.Required("listen", NonEmptyEndpoints),
            Backlog = s.Get("backlog", d.Backlog, (n, k) => Int(n, k, 1, int.MaxValue)),
            Mode = s.Get("mode", d.Mode, SinkModeOf),
            ReusePort = s.Get("reuseport", d.ReusePort, Bool),
        };
    }

    private SinkMode SinkModeOf(YamlNode node, string key) => Text(node, key, "hold, echo or no-accept") switch
    {
        "hold" => SinkMode.Hold,
        "echo" => SinkMode.Echo,
        "no-accept" => SinkMode.NoAccept,
        var other => throw map.Error(node, key, $"'{other}' is not a sink mode: use hold, echo or no-accept"),
    };

    /// <summary>Binds client: itself, or a sweep variant's keys merged over it (<see cref="SectionReader.Over"/>).</summary>
    private ClientSpec BindClient(SectionReader s, IReadOnlyList<IPEndPoint> targets, SinkSpec? sink)
    {
        var d = new ClientSpec();
        bool bind = s.Get("bind_before_connect", d.BindBeforeConnect, Bool);
        var sourceIps = s.Optional("source_ips", [], Addresses);
        CheckFamilies(sourceIps, targets, s);
        var sourcePorts = s.Optional<PortRange?>("source_ports", null, (n, k) => Ports(n, k));
        if (sourcePorts is not null && !bind)
        {
            throw map.Error(s.ValueOf("source_ports"), s.PathOf("source_ports"),
                "needs bind_before_connect: true, since an explicit source port is chosen by bind()");
        }
        bool noPort = s.Get("bind_address_no_port", d.BindAddressNoPort, Bool);
        if (noPort && !bind)
        {
            throw map.Error(s.ValueOf("bind_address_no_port"), s.PathOf("bind_address_no_port"),
                "needs bind_before_connect: true, since IP_BIND_ADDRESS_NO_PORT only changes what bind() does");
        }
        bool lingerRst = s.Get("linger_rst", d.LingerRst, Bool);
        var close = s.Get("close", d.Close, CloseModeOf);
        CheckClose(close, lingerRst, sink, s);
        var verify = s.Get("verify", d.Verify, VerifyModeOf);
        CheckVerify(verify, sink, s);
        return new ClientSpec
        {
            BindBeforeConnect = bind,
            SourceIps = sourceIps.Select(a => a.Address).ToList(),
            SourcePorts = sourcePorts,
            ReuseAddr = s.Get("reuse_addr", d.ReuseAddr, Bool),
            BindAddressNoPort = noPort,
            LocalPortRange = s.Optional<PortRange?>("local_port_range", null, (n, k) => Ports(n, k)),
            LingerRst = lingerRst,
            ConnectTimeout = s.Get("connect_timeout", d.ConnectTimeout, (n, k) => Duration(n, k, positive: true)),
            Close = close,
            Verify = verify,
            PayloadBytes = s.Get("payload_bytes", d.PayloadBytes, (n, k) => Int(n, k, 1, MaxPayloadBytes)),
        };
    }

    /// <summary>A socket bound to one family cannot connect() to the other, so each source IP must match the targets.</summary>
    private void CheckFamilies(List<(IPAddress Address, YamlNode Node)> sourceIps, IReadOnlyList<IPEndPoint> targets, SectionReader s)
    {
        if (sourceIps.Count == 0)
        {
            return;
        }
        var families = targets.Select(t => t.AddressFamily).Distinct().ToList();
        if (families.Count > 1)
        {
            throw map.Error(s.ValueOf("source_ips"), s.PathOf("source_ips"),
                "the targets mix IPv4 and IPv6; source_ips can only be set when every target has the same family");
        }
        foreach (var (address, n) in sourceIps)
        {
            if (address.AddressFamily != families[0])
            {
                throw map.Error(n, s.PathOf("source_ips"),
                    $"{address} is {FamilyName(address.AddressFamily)} but the targets are {FamilyName(families[0])}; " +
                    "a source address must have the targets' family");
            }
        }
    }

    private static string FamilyName(AddressFamily f) => f == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4";

    private LoadSpec BindLoad(YamlNode keyNode, YamlNode node, bool portRangeKnown, SinkSpec? sink)
    {
        var s = Section(node, keyNode, "load", LoadKeys);
        var d = new LoadSpec();
        var mode = s.Get("mode", d.Mode, LoadModeOf);
        var duration = s.Optional<TimeSpan?>("duration", null, (n, k) => Duration(n, k, positive: true));
        CheckDuration(mode, duration, s);
        var ping = s.Get("ping_interval", d.PingInterval, (n, k) => Duration(n, k, positive: false));
        var hold = s.Get("hold", d.Hold, (n, k) => Duration(n, k, positive: false));
        CheckPing(ping, mode, hold, sink, s);
        var max = s.Get<(bool Max, int? Cap)>("connections", (false, null), MaxConnectionsOf);
        int? connections = max.Max ? d.Connections : s.Get<int?>("connections", d.Connections, Connections);
        if (connections is null && !portRangeKnown)
        {
            throw map.Error(s.ValueOf("connections"), s.PathOf("connections"),
                "auto needs a port range: set lab.sysctl.net.ipv4.ip_local_port_range or sweep.port_range");
        }
        return new LoadSpec
        {
            Mode = mode,
            Duration = duration,
            PingInterval = ping,
            // auto: a placeholder until Bind (or the sweep, per run) sizes it from the port rules.
            Connections = connections ?? d.Connections,
            ConnectionsAuto = connections is null,
            ConnectionsMax = max.Max,
            ConnectionsMaxCap = max.Cap,
            MemoryFloor = s.Optional("memory_floor", d.MemoryFloor, MemoryFloorOf),
            Rate = s.Get("rate", d.Rate, Rate),
            Concurrency = s.Get("concurrency", d.Concurrency, (n, k) => Int(n, k, 1, int.MaxValue)),
            Hold = hold,
            // A churn meets failures by design (that is what it measures): it goes on unless told otherwise.
            StopOn = s.Get("stop_on", mode == LoadMode.Churn ? new StopOn(StopKind.Never) : d.StopOn, StopOnOf),
            TimeLimit = s.Get("time_limit", d.TimeLimit, (n, k) => Duration(n, k, positive: true)),
        };
    }

    /// <summary>`max` or `max:N` (N from 1 to MaxConnections); (false, null) for anything else, which <see cref="Connections"/> reads.</summary>
    private (bool Max, int? Cap) MaxConnectionsOf(YamlNode node, string key)
    {
        if (node is not YamlScalarNode { Value: { } text } || !text.Trim().StartsWith("max", StringComparison.Ordinal))
        {
            return (false, null);
        }
        string t = text.Trim();
        if (t == "max")
        {
            return (true, null);
        }
        return t.StartsWith("max:", StringComparison.Ordinal)
            && int.TryParse(t["max:".Length..].Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int cap)
            && cap >= 1 && cap <= MaxConnections
            ? (true, cap)
            : throw map.Error(node, key, $"'{t}' is not a count: use max, or max:N to size the run to this machine but at most N (1 to {MaxConnections})");
    }

    private Rules.MemoryFloor MemoryFloorOf(YamlNode node, string key)
    {
        string text = Text(node, key, Rules.MemoryFloor.Expected);
        return Rules.MemoryFloor.TryParse(text) ?? throw map.Error(node, key, $"'{text}' is not a memory floor: expected {Rules.MemoryFloor.Expected}");
    }

    /// <summary>A count, or null for auto.</summary>
    private int? Connections(YamlNode node, string key)
    {
        string expected = $"an integer from 1 to {MaxConnections} or auto (load.connections also takes max or max:N)";
        string text = Text(node, key, expected);
        if (text == "auto")
        {
            return null;
        }
        return long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _)
            ? Int(node, key, 1, MaxConnections)
            : throw map.Error(node, key, $"expected {expected}, got '{text}'");
    }

    private StopOn StopOnOf(YamlNode node, string key)
    {
        const string Expected = "first_failure, never or failures:N (N >= 1)";
        string text = Text(node, key, Expected).Trim();
        if (text == "first_failure")
        {
            return StopOn.FirstFailure;
        }
        if (text == "never")
        {
            return new StopOn(StopKind.Never);
        }
        if (text.StartsWith("failures:", StringComparison.Ordinal)
            && int.TryParse(text["failures:".Length..].Trim(), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out int n) && n >= 1)
        {
            return new StopOn(StopKind.Failures, n);
        }
        throw map.Error(node, key, $"'{text}' is not a stop condition: use {Expected}");
    }

    private OutputSpec BindOutput(YamlNode keyNode, YamlNode node)
    {
        var s = Section(node, keyNode, "output", OutputKeys);
        var d = new OutputSpec();
        return new OutputSpec
        {
            TimelineInterval = s.Get("timeline_interval", d.TimelineInterval, TimelineInterval),
            ConnectionsCsv = s.Get("connections_csv", d.ConnectionsCsv, Bool),
        };
    }

    private TimeSpan TimelineInterval(YamlNode node, string key)
    {
        var interval = Duration(node, key, positive: false);
        return interval >= TimeSpan.FromMilliseconds(1)
            ? interval
            : throw map.Error(node, key, $"{Durations.Format(interval)} is below the smallest interval, 1ms");
    }
}
