using YamlDotNet.RepresentationModel;

namespace ConnStorm.Scenarios;

/// <summary>
/// Where each YAML node came from. Nodes parsed from the file carry their own marks; nodes
/// grafted in by a --set override carry marks into the override's text, which would point
/// at the wrong line of the file, so they are recorded here and reported as "--set KEY".
/// </summary>
internal sealed class SourceMap(string file)
{
    private readonly Dictionary<YamlNode, string> _overrides = new(ReferenceEqualityComparer.Instance);

    public string File { get; } = file;

    public void MarkOverride(YamlNode node, string origin)
    {
        foreach (var n in node.AllNodes)
        {
            _overrides[n] = origin;
        }
    }

    /// <summary>"FILE:LINE:COLUMN", or "--set KEY" for a node from an override.</summary>
    public string Location(YamlNode node)
    {
        var (file, line, column) = Position(node);
        return ScenarioException.FormatLocation(file, line, column);
    }

    public ScenarioException Error(YamlNode node, string key, string problem, Exception? inner = null)
    {
        var (file, line, column) = Position(node);
        return inner is null
            ? new ScenarioException(file, line, column, key, problem)
            : new ScenarioException(file, line, column, key, problem, inner);
    }

    private (string File, int Line, int Column) Position(YamlNode node) =>
        _overrides.TryGetValue(node, out var origin)
            ? (origin, 0, 0)
            : (File, (int)node.Start.Line, (int)node.Start.Column);
}
