using System.Globalization;
using System.Net;
using YamlDotNet.RepresentationModel;

namespace ConnStorm.Scenarios;

/// <summary>The sweep: section. Each value is checked against the base scenario it will cut down.</summary>
internal sealed partial class ScenarioBinder
{
    private static readonly string[] SweepKeys = ["port_range", "targets", "source_ips", "variants", "include", "tw_reuse", "backends", "proxy_source"];
    private static readonly string[] IncludeKeys = ["variant", "port_range", "targets", "source_ips", "connections"];

    private SweepSpec BindSweep(
        YamlNode keyNode, YamlNode node, LabSpec? lab, IReadOnlyList<IPEndPoint> targets, ClientSpec client, SectionReader clientSection,
        SinkSpec? sink, ProxySpec? proxy)
    {
        var s = Section(node, keyNode, "sweep", SweepKeys);
        if (lab is null)
        {
            throw map.Error(keyNode, "sweep",
                "needs lab: each run of a sweep sets its own sysctls in its own network namespace (add lab: {} at least)");
        }
        var given = s.Optional<List<SweepVariant>?>("variants", null, (n, k) => Variants(n, k, targets, clientSection, sink));
        var variants = given ?? [new SweepVariant("default", client)];
        var labRange = LabPortRange.Of(lab);
        var include = s.Optional<List<SweepInclude>?>("include", null, (n, k) => Includes(n, k, variants, targets.Count));
        return new SweepSpec
        {
            Include = include ?? [],
            PortRanges = s.Optional<List<PortRange>?>("port_range", null, SweepRanges)
                ?? (labRange is { } r ? [r] : []),
            Targets = s.Optional<List<int>?>("targets", null, (n, k) => Counts(n, k, targets.Count, "expanded targets"))
                ?? [targets.Count],
            SourceIps = s.Optional<List<int>?>("source_ips", null, (n, k) => SourceIpCounts(n, k, variants, given is not null))
                ?? [Math.Max(1, client.SourceIps.Count)],
            Variants = variants,
            TwReuse = s.Optional<List<int>?>("tw_reuse", null, TwReuseValues) ?? [],
            ProxyBackends = s.Optional<List<int>?>("backends", null,
                (n, k) => Counts(n, k, NeedsProxy(proxy, n, k).Backends.Count, "proxy backends")) ?? [],
            ProxySources = s.Optional<List<IReadOnlyList<IPAddress>>?>("proxy_source", null,
                (n, k) => { NeedsProxy(proxy, n, k); return ProxySources(n, k); }) ?? [],
        };
    }

    private ProxySpec NeedsProxy(ProxySpec? proxy, YamlNode node, string key) =>
        proxy ?? throw map.Error(node, key, "needs proxy: it sweeps the proxy's backends and source addresses");

    /// <summary>The list's items with their nodes; a single value stands for a list of one, an empty list is an error.</summary>
    private List<YamlNode> Items(YamlNode node, string key, string expected)
    {
        var items = node switch
        {
            YamlSequenceNode sequence => sequence.Children.ToList(),
            YamlScalarNode => [node],
            _ => throw map.Error(node, key, $"expected a list of {expected}, got {Describe(node)}"),
        };
        return items.Count > 0
            ? items
            : throw map.Error(node, key, $"is empty: give at least one value ({expected}), or leave the key out");
    }

    private List<PortRange> SweepRanges(YamlNode node, string key)
    {
        const string Expected = "port ranges \"LO HI\" or \"LO-HI\", or range sizes such as 4000";
        var result = new List<PortRange>();
        foreach (var item in Items(node, key, Expected))
        {
            string text = Text(item, key, Expected).Trim();
            // A bare number is a size, never the one-port range "N-N", which no sweep would want.
            if (text.Length > 0 && text.All(char.IsAsciiDigit))
            {
                int size = Int(item, key, 1, SweepSpec.MaxRangeSize);
                result.Add(SweepSpec.RangeOfSize(size));
                continue;
            }
            try
            {
                result.Add(EndpointPattern.ParsePortRange(text));
            }
            catch (FormatException e)
            {
                throw map.Error(item, key, $"{e.Message}; expected {Expected}", e);
            }
        }
        return result;
    }

    /// <summary>Counts 1..max, each meaning "the first N".</summary>
    private List<int> Counts(YamlNode node, string key, int max, string what)
    {
        string expected = $"counts from 1 to {max} (the first N {what})";
        var result = new List<int>();
        foreach (var item in Items(node, key, expected))
        {
            int n = Int(item, key, 1, int.MaxValue);
            result.Add(n <= max
                ? n
                : throw map.Error(item, key, $"{n} is more than the {max} {what}: expected {expected}"));
        }
        return result;
    }

    /// <summary>
    /// Source IP counts must fit every variant's client (a variant may set its own source_ips);
    /// with no source_ips the client binds the wildcard address, which counts as one.
    /// </summary>
    private List<int> SourceIpCounts(YamlNode node, string key, List<SweepVariant> variants, bool variantsGiven)
    {
        var tightest = variants.MinBy(v => v.Client.SourceIps.Count)!;
        int have = tightest.Client.SourceIps.Count;
        string whose = variantsGiven ? $"source_ips of variant {tightest.Name}" : "client.source_ips";
        string expected = $"counts from 1 to {Math.Max(1, have)} (the first N source IPs)";
        var result = new List<int>();
        foreach (var item in Items(node, key, expected))
        {
            int n = Int(item, key, 1, int.MaxValue);
            if (n > Math.Max(1, have))
            {
                throw map.Error(item, key, have == 0
                    ? $"{n} source IPs asked for, but {whose} is empty: only 1 is allowed (the wildcard address)"
                    : $"{n} is more than the {have} addresses in {whose}");
            }
            result.Add(n);
        }
        return result;
    }

    private List<SweepVariant> Variants(YamlNode node, string key, IReadOnlyList<IPEndPoint> targets, SectionReader clientSection, SinkSpec? sink)
    {
        if (node is not YamlMappingNode mapping)
        {
            throw map.Error(node, key, $"expected a mapping of variant names to client options, got {Describe(node)}");
        }
        if (mapping.Children.Count == 0)
        {
            throw map.Error(node, key, "is empty: name at least one variant, or leave the key out");
        }
        var result = new List<SweepVariant>();
        foreach (var (k, v) in mapping.Children)
        {
            string name = k is YamlScalarNode { Value: { } text } ? text : "";
            string path = $"{key}.{name}";
            // The name becomes part of each run's folder name.
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                throw map.Error(k, path,
                    $"'{name}' is not a valid variant name: use letters, digits, '.', '_' and '-' (it names the run folders)");
            }
            // "name:" with nothing under it is the base client unchanged.
            var own = Section(IsNull(v) ? new YamlMappingNode() : v, k, path, ClientKeys);
            result.Add(new SweepVariant(name, BindClient(own.Over(clientSection), targets, sink)));
        }
        return result;
    }

    /// <summary>
    /// sweep.include: extra runs outside the product, each naming its variant and its own
    /// dimensions (like a CI matrix's include), for the one big run a product cannot afford.
    /// </summary>
    private List<SweepInclude> Includes(YamlNode node, string key, List<SweepVariant> variants, int targetCount)
    {
        if (node is not YamlSequenceNode sequence || sequence.Children.Count == 0)
        {
            throw map.Error(node, key, $"expected a non-empty list of runs ({string.Join(", ", IncludeKeys)}), got {Describe(node)}");
        }
        var result = new List<SweepInclude>();
        for (int i = 0; i < sequence.Children.Count; i++)
        {
            var item = sequence.Children[i];
            string path = string.Create(CultureInfo.InvariantCulture, $"{key}[{i}]");
            var s = Section(item, item, path, IncludeKeys);
            string name = s.Required("variant", (n, k) => Text(n, k, "a variant name"));
            var variant = variants.FirstOrDefault(v => v.Name == name)
                ?? throw map.Error(s.ValueOf("variant"), s.PathOf("variant"),
                    $"'{name}' is not one of the sweep's variants ({string.Join(", ", variants.Select(v => v.Name))})");
            int ips = s.Optional("source_ips", 1, (n, k) => Int(n, k, 1, Math.Max(1, variant.Client.SourceIps.Count)));
            var max = s.Optional<(bool Max, int? Cap)>("connections", (false, null), MaxConnectionsOf);
            result.Add(new SweepInclude(
                variant.Name,
                s.Optional<PortRange?>("port_range", null, (n, k) => SweepRanges(n, k).Single()),
                s.Optional("targets", targetCount, (n, k) => Int(n, k, 1, targetCount)),
                ips,
                max.Max ? null : s.Optional<int?>("connections", null, Connections))
            {
                ConnectionsMax = max.Max,
                ConnectionsMaxCap = max.Cap,
            });
        }
        return result;
    }
}
