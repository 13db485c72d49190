using System.Globalization;
using System.Text;

namespace ConnStorm.Verdicts;

/// <summary>The verdict table that opens a sweep's summary.md.</summary>
public static class VerdictTable
{
    public static string ToMarkdown(IReadOnlyList<Verdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        var sb = new StringBuilder();
        sb.Append("| claim | verdict | measured | runs |\n|---|---|---|---|\n");
        foreach (var v in verdicts)
        {
            var runs = v.Runs.Count == 0 ? "none" : string.Join(", ", v.Runs.Select(r => r.ToString("N0", CultureInfo.InvariantCulture)));
            sb.Append("| ").Append(Cell(v.Claim))
                .Append(" | ").Append(Cell(v.OutcomeText))
                .Append(" | ").Append(Cell(v.Detail))
                .Append(" | ").Append(runs)
                .Append(" |\n");
        }
        return sb.ToString();
    }

    /// <summary>A pipe would end the cell and a line break the row; backslashes are escaped first so "\|" stays literal.</summary>
    private static string Cell(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("|", "\\|", StringComparison.Ordinal)
        .Replace("\r\n", " ", StringComparison.Ordinal)
        .Replace('\n', ' ')
        .Replace('\r', ' ');
}
