namespace ConnStorm.Probes;

/// <summary>
/// Which of a case's numbers change from run to run on the same kernel: the ports a random
/// search lands on, step sizes between them, times, the system-wide sockstat counts, connect() costs and their ratios, how the
/// kernel happened to spread connections. A comparison shows them but does not count them as a
/// difference between kernels; the rest (outcomes, counts, shares) is the kernel's behaviour.
/// </summary>
public static class VolatileNumbers
{
    public static bool Is(string name) =>
        name.Contains("port", StringComparison.Ordinal)
        || name.StartsWith("step_", StringComparison.Ordinal)
        || name.StartsWith("t_", StringComparison.Ordinal)
        || name.EndsWith("_s", StringComparison.Ordinal)
        || name.StartsWith("sockstat_", StringComparison.Ordinal)
        || name.StartsWith("accepted_", StringComparison.Ordinal)
        || name.StartsWith("cost_", StringComparison.Ordinal)
        || name == "wraps"
        || name == "fd_limit";

    /// <summary>The case's volatile number names, or null when it has none.</summary>
    public static IReadOnlyList<string>? Of(IReadOnlyDictionary<string, double> numbers)
    {
        var names = numbers.Keys.Where(Is).Order(StringComparer.Ordinal).ToList();
        return names.Count == 0 ? null : names;
    }
}
