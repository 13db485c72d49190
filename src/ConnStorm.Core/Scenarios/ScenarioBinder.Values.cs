using System.Globalization;
using System.Net;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ConnStorm.Scenarios;

/// <summary>Typed readers for single values; each failure names the node and its key.</summary>
internal sealed partial class ScenarioBinder
{
    /// <summary>Only an unquoted empty, ~ or null is "not set"; a quoted "null" is the text null.</summary>
    internal static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    internal static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        _ when IsNull(node) => "nothing (null)",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "an unsupported YAML node",
    };

    private SectionReader Section(YamlNode node, YamlNode anchor, string path, string[] allowed)
    {
        string where = path.Length == 0 ? "at the top level" : $"under {path}";
        if (node is not YamlMappingNode mapping)
        {
            throw map.Error(node, path, $"expected a mapping (with keys {string.Join(", ", allowed)}), got {Describe(node)}");
        }
        var fields = new Dictionary<string, (YamlNode Key, YamlNode Value)>(StringComparer.Ordinal);
        foreach (var (k, v) in mapping.Children)
        {
            if (k is not YamlScalarNode { Value: { } name })
            {
                throw map.Error(k, path, "a key must be a plain name");
            }
            string full = path.Length == 0 ? name : $"{path}.{name}";
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                throw map.Error(k, full, $"unknown key; allowed {where}: {string.Join(", ", allowed)}");
            }
            // YamlDotNet rejects most duplicates itself; 'a' and "a" differ to it but not to us.
            if (!fields.TryAdd(name, (k, v)))
            {
                throw map.Error(k, full, "duplicate key; each key may appear once in a mapping");
            }
        }
        return new SectionReader(map, anchor, path, fields);
    }

    private string Text(YamlNode node, string key, string expected) =>
        node is YamlScalarNode { Value: { } value } && !IsNull(node)
            ? value
            : throw map.Error(node, key, $"expected {expected}, got {Describe(node)}");

    private int Int(YamlNode node, string key, int min, int max)
    {
        string expected = max == int.MaxValue ? $"an integer >= {min}" : $"an integer from {min} to {max}";
        string text = Text(node, key, expected);
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            throw map.Error(node, key, $"expected {expected}, got '{text}'");
        }
        return value >= min && value <= max
            ? (int)value
            : throw map.Error(node, key, $"{value} is out of range: expected {expected}");
    }

    private double Rate(YamlNode node, string key)
    {
        const string Expected = "a number >= 0 (connections per second; 0 = as fast as possible)";
        string text = Text(node, key, Expected);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            || !double.IsFinite(value))
        {
            throw map.Error(node, key, $"expected {Expected}, got '{text}'");
        }
        return value >= 0 ? value : throw map.Error(node, key, $"{text} is negative: expected {Expected}");
    }

    private bool Bool(YamlNode node, string key) => Text(node, key, "true or false") switch
    {
        "true" => true,
        "false" => false,
        var other => throw map.Error(node, key, $"expected true or false, got '{other}'"),
    };

    private TimeSpan Duration(YamlNode node, string key, bool positive)
    {
        string text = Text(node, key, "a duration such as 100ms, 3s or 2m");
        TimeSpan value;
        try
        {
            value = Durations.Parse(text);
        }
        catch (FormatException e)
        {
            throw map.Error(node, key, e.Message, e);
        }
        return !positive || value > TimeSpan.Zero
            ? value
            : throw map.Error(node, key, $"'{text}' must be above 0");
    }

    private PortRange Ports(YamlNode node, string key)
    {
        string text = Text(node, key, "a port or a port range such as 50000-50999");
        try
        {
            return EndpointPattern.ParsePortRange(text);
        }
        catch (FormatException e)
        {
            throw map.Error(node, key, e.Message, e);
        }
    }

    /// <summary>A list of texts, or a single text standing for a list of one.</summary>
    private List<(string Text, YamlNode Node)> Texts(YamlNode node, string key, string expected)
    {
        if (node is YamlSequenceNode sequence)
        {
            return sequence.Children.Select(n => (Text(n, key, expected), n)).ToList();
        }
        if (node is YamlScalarNode && !IsNull(node))
        {
            return [(Text(node, key, expected), node)];
        }
        throw map.Error(node, key, $"expected a list of {expected}, got {Describe(node)}");
    }

    private List<(IPAddress Address, YamlNode Node)> Addresses(YamlNode node, string key)
    {
        var result = new List<(IPAddress, YamlNode)>();
        foreach (var (text, n) in Texts(node, key, "addresses or IPv4 ranges such as 127.0.0.1-127.0.0.4"))
        {
            try
            {
                result.AddRange(EndpointPattern.ExpandAddresses(text).Select(a => (a, n)));
            }
            catch (FormatException e)
            {
                throw map.Error(n, key, e.Message, e);
            }
        }
        return result;
    }

    private List<IPEndPoint> NonEmptyEndpoints(YamlNode node, string key)
    {
        var result = new List<IPEndPoint>();
        foreach (var (text, n) in Texts(node, key, "endpoint patterns such as 127.0.0.1:9000-9001"))
        {
            try
            {
                result.AddRange(EndpointPattern.Expand(text));
            }
            catch (FormatException e)
            {
                throw map.Error(n, key, e.Message, e);
            }
        }
        return result.Count > 0
            ? result
            : throw map.Error(node, key, "is empty: give at least one endpoint such as 127.0.0.1:9000");
    }
}
