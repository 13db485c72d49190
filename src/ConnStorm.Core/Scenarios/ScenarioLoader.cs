using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ConnStorm.Scenarios;

/// <summary>
/// Reads a scenario file, applies --set overrides to its YAML tree, then binds and validates it
/// (<see cref="ScenarioBinder"/>). Every problem is a <see cref="ScenarioException"/> naming the
/// file, line, column and key.
/// </summary>
public static class ScenarioLoader
{
    public static Scenario Load(string path, IReadOnlyList<string>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string problem = e is FileNotFoundException or DirectoryNotFoundException
                ? "scenario file not found"
                : $"cannot read the scenario file: {e.Message}";
            throw new ScenarioException(path, 0, 0, "", problem, e);
        }
        return Parse(text, path, overrides);
    }

    /// <summary>Parses scenario text; <paramref name="sourceName"/> stands for the file in errors.</summary>
    public static Scenario Parse(string yamlText, string sourceName, IReadOnlyList<string>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        ArgumentNullException.ThrowIfNull(sourceName);
        var map = new SourceMap(sourceName);
        var root = ReadRoot(yamlText, sourceName);
        foreach (var o in overrides ?? [])
        {
            Overrides.Apply(root, o, map);
        }
        return new ScenarioBinder(map).Bind(root) with { SourcePath = sourceName };
    }

    private static YamlMappingNode ReadRoot(string yamlText, string sourceName)
    {
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(yamlText));
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this (without a mark) on some malformed flow collections.
            var at = scanner.CurrentPosition;
            throw new ScenarioException(sourceName, (int)at.Line, (int)at.Column, "",
                "invalid YAML near here (an unclosed [ or { or quote?)", e);
        }
        catch (YamlException e)
        {
            string key = "";
            string problem = e.Message;
            if (e.Message.StartsWith("Duplicate key", StringComparison.Ordinal))
            {
                key = DuplicateKeyFinder.PathAt(yamlText, e.Start) ?? "";
                problem = "duplicate key; each key may appear once in a mapping";
            }
            throw new ScenarioException(sourceName, (int)e.Start.Line, (int)e.Start.Column, key, problem, e);
        }
        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode;
            throw new ScenarioException(sourceName, (int)second.Start.Line, (int)second.Start.Column, "",
                "a scenario file holds one YAML document; this is a second one");
        }
        if (stream.Documents.Count == 0)
        {
            // An empty file (or only comments): let the binder report the missing required keys.
            return new YamlMappingNode();
        }
        var node = stream.Documents[0].RootNode;
        if (node is YamlScalarNode { Value: null or "" or "~" or "null", Style: ScalarStyle.Plain })
        {
            return new YamlMappingNode();
        }
        if (node is not YamlMappingNode mapping)
        {
            throw new ScenarioException(sourceName, (int)node.Start.Line, (int)node.Start.Column, "",
                "a scenario is a mapping of keys (name:, targets:, ...), not a " +
                (node is YamlSequenceNode ? "list" : "single value"));
        }
        return mapping;
    }
}
