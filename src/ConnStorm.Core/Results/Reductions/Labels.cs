namespace ConnStorm.Results.Reductions;

/// <summary>How plots name runs and series, so every plot says it the same way.</summary>
public static class Labels
{
    public static string Plural(long n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    /// <summary>What a panel calls a run: its folder name in a sweep, "run N" in a single run.</summary>
    public static string RunId(RunRow run)
    {
        var dir = run.RunDir.Replace('\\', '/').Trim().TrimEnd('/');
        return dir is "" or "." ? $"run {run.Run}" : dir[(dir.LastIndexOf('/') + 1)..];
    }

    /// <summary>"bind, 4000 ports, 4 targets": a panel's second title line.</summary>
    public static string RunSetup(RunRow run)
    {
        var range = run.PortRangeSize is { } size ? $"{size} ports" : "port range unknown";
        return $"{run.Variant}, {range}, {Plural(run.Targets, "target")}";
    }

    /// <summary>"3 targets, 1 source IP" (0 source IPs: the kernel chose).</summary>
    public static string Endpoints(int targets, int sourceIps) =>
        $"{Plural(targets, "target")}, {(sourceIps == 0 ? "kernel-chosen source IP" : Plural(sourceIps, "source IP"))}";

    /// <summary>"scenario myth-65535 · kernel 6.8.0" from the manifest; null without one.</summary>
    public static string? Subtitle(Manifest? manifest)
    {
        if (manifest is null)
        {
            return null;
        }
        var parts = new List<string>();
        if (manifest.Scenario.TryGetValue("name", out var name) && name?.ToString() is { Length: > 0 } n)
        {
            parts.Add($"scenario {n}");
        }
        if (manifest.KernelRelease.Length > 0)
        {
            parts.Add($"kernel {manifest.KernelRelease}");
        }
        return parts.Count > 0 ? string.Join(" · ", parts) : null;
    }
}
