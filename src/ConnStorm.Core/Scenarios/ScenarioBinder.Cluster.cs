using YamlDotNet.RepresentationModel;

namespace ConnStorm.Scenarios;

/// <summary>
/// The cluster: section (<c>cluster: { hosts: { NAME: { source_ips: [...], targets: [...] } } }</c>, or
/// <c>NAME: { role: sink, listen: [...] }</c> for an agent that serves instead of connecting).
/// </summary>
internal sealed partial class ScenarioBinder
{
    private static readonly string[] ClusterKeys = ["hosts"];
    private static readonly string[] ClusterHostKeys = ["role", "listen", "source_ips", "targets"];

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
                string at = $"{k}.{name}";
                var role = h.Optional("role", ClusterRole.Load, ClusterRoleOf);
                var ips = h.Optional("source_ips", [], Addresses).Select(a => a.Address).ToList();
                var targets = h.Optional("targets", [], NonEmptyEndpoints);
                var listen = h.Optional("listen", [], NonEmptyEndpoints);
                if (role == ClusterRole.Sink)
                {
                    if (listen.Count == 0)
                    {
                        throw map.Error(h.KeyOf("role"), $"{at}.role", "an agent in the sink role needs listen: [ADDRESS:PORT, ...] (the addresses it serves)");
                    }
                    // A sink agent makes no attempts, so source addresses or targets would silently do nothing.
                    foreach (string loadOnly in new[] { "source_ips", "targets" }.Where(h.Has))
                    {
                        throw map.Error(h.KeyOf(loadOnly), $"{at}.{loadOnly}", "only an agent in the load role connects; a sink agent takes listen: only");
                    }
                }
                else if (h.Has("listen"))
                {
                    throw map.Error(h.KeyOf("listen"), $"{at}.listen", "listen: goes with role: sink (a load agent connects, it does not serve)");
                }
                list.Add(new ClusterHostSpec(name, ips, targets, role, listen));
            }
            return list;
        });
        return new ClusterSpec { Hosts = hosts, Location = map.Location(keyNode) };
    }

    private ClusterRole ClusterRoleOf(YamlNode node, string key) => Text(node, key, "load or sink") switch
    {
        "load" => ClusterRole.Load,
        "sink" => ClusterRole.Sink,
        var other => throw map.Error(node, key, $"'{other}' is not a role: use load or sink"),
    };
}
