using YamlDotNet.RepresentationModel;

namespace ConnStorm.Scenarios;

/// <summary>The keys of one mapping, already checked against the allowed names.</summary>
internal sealed class SectionReader(
    SourceMap map, YamlNode anchor, string path, Dictionary<string, (YamlNode Key, YamlNode Value)> fields,
    IReadOnlySet<string>? inherited = null)
{
    public string PathOf(string name) => path.Length == 0 ? name : $"{path}.{name}";

    /// <summary>The key's node, or the section itself when the key is absent or inherited.</summary>
    public YamlNode KeyOf(string name) => fields.TryGetValue(name, out var f) && !IsInherited(name) ? f.Key : anchor;

    /// <summary>The value's node, or the section itself when the key is absent or inherited.</summary>
    public YamlNode ValueOf(string name) => fields.TryGetValue(name, out var f) && !IsInherited(name) ? f.Value : anchor;

    /// <summary>
    /// This section's keys over <paramref name="under"/>'s (a sweep variant over client:). An
    /// error about an inherited key is placed on this section: the base was valid on its own,
    /// so it is this section's own keys that made the combination wrong.
    /// </summary>
    public SectionReader Over(SectionReader under)
    {
        var merged = new Dictionary<string, (YamlNode Key, YamlNode Value)>(under.Fields, StringComparer.Ordinal);
        var from = new HashSet<string>(under.Fields.Keys, StringComparer.Ordinal);
        foreach (var (name, f) in fields)
        {
            merged[name] = f;
            from.Remove(name);
        }
        return new SectionReader(map, anchor, path, merged, from);
    }

    private Dictionary<string, (YamlNode Key, YamlNode Value)> Fields => fields;

    /// <summary>Whether the key is written here (whatever its value), for keys that exclude each other.</summary>
    public bool Has(string name) => fields.ContainsKey(name) && !IsInherited(name);

    private bool IsInherited(string name) => inherited?.Contains(name) == true;

    /// <summary>A key with a non-null default: absent means the default, an explicit null is a type error.</summary>
    public T Get<T>(string name, T fallback, Func<YamlNode, string, T> read) =>
        fields.TryGetValue(name, out var f) ? read(f.Value, PathOf(name)) : fallback;

    /// <summary>A nullable key: absent, null, ~ and an empty value all mean "not set".</summary>
    public T Optional<T>(string name, T fallback, Func<YamlNode, string, T> read) =>
        fields.TryGetValue(name, out var f) && !ScenarioBinder.IsNull(f.Value) ? read(f.Value, PathOf(name)) : fallback;

    public T Required<T>(string name, Func<YamlNode, string, T> read) =>
        fields.TryGetValue(name, out var f) && !ScenarioBinder.IsNull(f.Value)
            ? read(f.Value, PathOf(name))
            : throw map.Error(fields.TryGetValue(name, out var g) ? g.Value : anchor, PathOf(name),
                "is required but missing" + (path.Length == 0 ? "" : $" under {path}"));
}
