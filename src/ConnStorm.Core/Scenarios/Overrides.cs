using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ConnStorm.Scenarios;

/// <summary>
/// --set KEY=VALUE: grafts VALUE, read as a YAML flow value, into the file's tree at the dotted
/// path KEY before binding, so an override is validated exactly like the same key in the file.
/// </summary>
internal static class Overrides
{
    public static void Apply(YamlMappingNode root, string text, SourceMap map)
    {
        ArgumentNullException.ThrowIfNull(text);
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        string key = eq < 0 ? text.Trim() : text[..eq].Trim();
        string origin = $"--set {key}";
        if (eq <= 0 || key.Length == 0)
        {
            throw new ScenarioException($"--set {text}", 0, 0, "",
                "an override is KEY=VALUE, for example --set load.connections=5000");
        }
        var path = SplitPath(key);
        if (path.Any(p => p.Length == 0))
        {
            throw new ScenarioException(origin, 0, 0, key, "is not a dotted key path such as load.connections");
        }
        var value = ParseValue(text[(eq + 1)..], origin, key);
        map.MarkOverride(value, origin);

        var mapping = root;
        for (int i = 0; i < path.Count - 1; i++)
        {
            var child = Find(mapping, path[i], out _);
            if (child is YamlMappingNode next)
            {
                mapping = next;
                continue;
            }
            if (child is not null && !IsNull(child))
            {
                string prefix = string.Join('.', path.Take(i + 1));
                throw new ScenarioException(origin, 0, 0, prefix,
                    $"is not a mapping in the scenario, so {key} cannot be set");
            }
            next = new YamlMappingNode();
            map.MarkOverride(next, origin);
            Set(mapping, path[i], next, origin, map);
            mapping = next;
        }
        Set(mapping, path[^1], value, origin, map);
    }

    /// <summary>
    /// Dotted segments, except that sysctl names contain dots themselves: everything after
    /// lab.sysctl. is one key.
    /// </summary>
    private static List<string> SplitPath(string key)
    {
        var parts = key.Split('.').ToList();
        if (parts.Count > 3 && parts[0] == "lab" && parts[1] == "sysctl")
        {
            return [parts[0], parts[1], string.Join('.', parts.Skip(2))];
        }
        return parts;
    }

    private static YamlNode ParseValue(string text, string origin, string key)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new ScenarioException(origin, 0, 0, key, $"'{text}' is not a YAML value: {e.Message}", e);
        }
        return stream.Documents.Count == 0 ? new YamlScalarNode(null) : stream.Documents[0].RootNode;
    }

    private static YamlNode? Find(YamlMappingNode mapping, string name, out YamlNode? keyNode)
    {
        foreach (var (k, v) in mapping.Children)
        {
            if (k is YamlScalarNode { Value: { } value } && value == name)
            {
                keyNode = k;
                return v;
            }
        }
        keyNode = null;
        return null;
    }

    private static void Set(YamlMappingNode mapping, string name, YamlNode value, string origin, SourceMap map)
    {
        if (Find(mapping, name, out var keyNode) is not null && keyNode is not null)
        {
            mapping.Children[keyNode] = value;
            return;
        }
        var newKey = new YamlScalarNode(name);
        map.MarkOverride(newKey, origin);
        mapping.Children.Add(newKey, value);
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" };
}
