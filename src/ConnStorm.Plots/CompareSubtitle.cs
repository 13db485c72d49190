using ConnStorm.Results;

namespace ConnStorm.Plots;

/// <summary>The second title line of a compare plot: "kernels 6.8.0 (vm) vs 6.18.44 (vm, host-a)".</summary>
internal static class CompareSubtitle
{
    public static string Of(CompareFile compare) => "kernels " + string.Join(" vs ", compare.Columns.Select(c => $"{c.Kernel} ({Place(c)})"));

    /// <summary>The host name, or where it ran when there is none (a micro-VM reports "(none)").</summary>
    private static string Place(CompareSource c) =>
        c.Hostname is { Length: > 0 } h && h != "(none)" ? (c.Where == "vm" ? $"vm, {h}" : h) : c.Where ?? "?";
}
