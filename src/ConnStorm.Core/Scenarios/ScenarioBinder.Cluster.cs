using YamlDotNet.RepresentationModel;

namespace ConnStorm.Scenarios;

/// <summary>The cluster: section (<c>cluster: { hosts: { NAME: { source_ips: [...], targets: [...] } } }</c>).</summary>
internal sealed partial class ScenarioBinder
{
    private static readonly string[] ClusterKeys = ["hosts"];
    private static readonly string[] ClusterHostKeys = ["source_ips", "targets"];

    private ClusterSpec BindCluster(YamlNode keyNode, YamlNode node)
    {
        var s = Section(node, keyNode, "cluster", ClusterKeys);
        var hosts = s.Required("hosts", (n, k) =>
        {
            if (n is not YamlMappingNode mapping || mapping.Children.Count == 0)
            {
                throw map.Error(n, k, $"expected a mapping of agent names to {{ source_ips: [...], targets: [...] }}, got {Describe(n)}");
            }
            var list = new List<ClusterHostSpec>();
            foreach (var (nameNode, value) in mapping.Children)
            {
                string name = nameNode is YamlScalarNode { Value: { Length: > 0 } v } ? v : throw map.Error(nameNode, k, "an agent name must be a non-empty text");
                if (name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
                {
                    throw map.Error(nameNode, $"{k}.{name}", "an agent name holds only letters, digits, '-', '_' and '.'");
                }
                var h = Section(IsNull(value) ? new YamlMappingNode() : value, nameNode, $"{k}.{name}", ClusterHostKeys);
                var ips = h.Optional("source_ips", [], Addresses).Select(a => a.Address).ToList();
                var targets = h.Optional("targets", [], NonEmptyEndpoints);
                list.Add(new ClusterHostSpec(name, ips, targets));
            }
            return list;
        });
        return new ClusterSpec { Hosts = hosts, Location = map.Location(keyNode) };
    }
}
