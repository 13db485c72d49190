namespace ConnStorm.Scenarios;

/// <summary>
/// A scenario that cannot be run, reported as "FILE:LINE:COLUMN: KEY: problem" so an editor
/// or a terminal can jump to the spot. For a --set override FILE is "--set KEY" and there is
/// no line or column (both 0).
/// </summary>
public sealed class ScenarioException : Exception
{
    public ScenarioException(string file, int line, int column, string key, string problem)
        : base(Format(file, line, column, key, problem))
    {
        File = file;
        Line = line;
        Column = column;
        Key = key;
        Problem = problem;
    }

    public ScenarioException(string file, int line, int column, string key, string problem, Exception inner)
        : base(Format(file, line, column, key, problem), inner)
    {
        File = file;
        Line = line;
        Column = column;
        Key = key;
        Problem = problem;
    }

    /// <summary>The scenario file, or "--set KEY" for an override.</summary>
    public string File { get; }

    /// <summary>1-based; 0 when the error has no position (a missing file, an override).</summary>
    public int Line { get; }

    /// <summary>1-based; 0 when the error has no position.</summary>
    public int Column { get; }

    /// <summary>Dotted path of the offending key, e.g. "load.connections"; "" when none applies.</summary>
    public string Key { get; }

    public string Problem { get; }

    /// <summary>"FILE:LINE:COLUMN", or just FILE when there is no position.</summary>
    public string Location => FormatLocation(File, Line, Column);

    internal static string FormatLocation(string file, int line, int column) =>
        line > 0 ? $"{file}:{line}:{column}" : file;

    private static string Format(string file, int line, int column, string key, string problem) =>
        key.Length > 0
            ? $"{FormatLocation(file, line, column)}: {key}: {problem}"
            : $"{FormatLocation(file, line, column)}: {problem}";
}
