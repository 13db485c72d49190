using System.Globalization;

namespace ConnStorm.Plots;

/// <summary>Turning values into gnuplot source text.</summary>
internal static class GnuplotText
{
    /// <summary>
    /// A single-quoted gnuplot string. Single quotes because gnuplot expands `backquotes` (shell
    /// commands) inside double quotes but not inside single ones; the only escape is '' for '.
    /// Line breaks cannot appear in a single-quoted string, so control characters become spaces.
    /// </summary>
    public static string Quote(string text)
    {
        var clean = new string([.. text.Select(c => char.IsControl(c) ? ' ' : c)]);
        return "'" + clean.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    /// <summary>A title with an optional second line (the subtitle), joined with a real newline.</summary>
    public static string Title(string title, string? subtitle) =>
        string.IsNullOrWhiteSpace(subtitle) ? Quote(title) : $"{Quote(title)} . \"\\n\" . {Quote(subtitle)}";

    public static string Num(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    public static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);
}
