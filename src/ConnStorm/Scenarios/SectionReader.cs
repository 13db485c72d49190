using YamlDotNet.RepresentationModel;

namespace ConnStorm.Scenarios;

/// <summary>The keys of one mapping, already checked against the allowed names.</summary>
internal sealed class SectionReader(
    SourceMap map, YamlNode anchor, string path, Dictionary<string, (YamlNode Key, YamlNode Value)> fields)
{
    public string PathOf(string name) => path.Length == 0 ? name : $"{path}.{name}";

    /// <summary>The key's node, or the section itself when the key is absent.</summary>
    public YamlNode KeyOf(string name) => fields.TryGetValue(name, out var f) ? f.Key : anchor;

    public YamlNode ValueOf(string name) => fields.TryGetValue(name, out var f) ? f.Value : anchor;

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
