using ConnStorm.Results;

namespace ConnStorm.Plots;

/// <summary>The second title line of a compare plot: "kernels 6.1.0 (micro-VM) vs 6.18.44 (host vm)".</summary>
internal static class CompareSubtitle
{
    public static string Of(CompareFile compare) => "kernels " + string.Join(" vs ", compare.Columns.Select(c => $"{c.Kernel} ({Place(c)})"));

    /// <summary>
    /// Where it ran, then the host's name: a bare host name ("vm") reads like a place, so the place
    /// comes first. A micro-VM reports the host name "(none)".
    /// </summary>
    private static string Place(CompareSource c)
    {
        string? host = c.Hostname is { Length: > 0 } h && h != "(none)" ? h : null;
        string where = c.Where switch { "vm" => "micro-VM", null or "" => "", var w => w };
        return string.Join(" ", new[] { where, host }.Where(p => !string.IsNullOrEmpty(p))) is { Length: > 0 } place ? place : "?";
    }
}
