using ConnStorm.Scenarios;

namespace ConnStorm.Tests.TestSupport;

internal static class ScenarioText
{
    public const string Source = "test.yaml";

    public const string Minimal = """
        name: minimal
        targets: ["127.0.0.1:9000"]
        """;

    public static Scenario Parse(string yaml, params string[] overrides) =>
        ScenarioLoader.Parse(yaml, Source, overrides);

    public static ScenarioException Fails(string yaml, params string[] overrides) =>
        Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(yaml, Source, overrides));

    /// <summary>Asserts the error's position, key, and that the message carries all of them.</summary>
    public static void AssertAt(ScenarioException e, int line, int column, string key)
    {
        Assert.Equal(Source, e.File);
        Assert.Equal(line, e.Line);
        Assert.Equal(column, e.Column);
        Assert.Equal(key, e.Key);
        Assert.StartsWith($"{Source}:{line}:{column}: {key}: ", e.Message, StringComparison.Ordinal);
    }
}
