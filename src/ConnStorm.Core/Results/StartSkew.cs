namespace ConnStorm.Results;

/// <summary>
/// How far apart the hosts of a cluster run began, from their manifests: each host's moment (its
/// connect_started_utc, the go, or its first_attempt_utc, the first connect()) moved onto the
/// coordinator's clock with the host's measured offset, as lateness against the planned common start.
/// </summary>
public static class StartSkew
{
    /// <summary>
    /// A host's lateness in ms: (<paramref name="hostUtc"/> − <paramref name="clockOffsetMs"/>) −
    /// <paramref name="plannedUtc"/>, the offset being the host's clock minus the coordinator's.
    /// </summary>
    public static double LateMs(DateTime hostUtc, double clockOffsetMs, DateTime plannedUtc) =>
        (hostUtc - plannedUtc).TotalMilliseconds - clockOffsetMs;

    /// <summary>Spread (max − min), median and extremes of the hosts' lateness; null for no hosts.</summary>
    public static SkewFigures? Of(IEnumerable<double> lateMs)
    {
        var sorted = lateMs.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }
        // Nearest rank: an actual host's value, never an interpolation between two.
        double p50 = sorted[(int)Math.Ceiling(0.5 * sorted.Length) - 1];
        return new SkewFigures(sorted.Length, sorted[^1] - sorted[0], sorted[0], p50, sorted[^1]);
    }
}

/// <summary>The start of a cluster run over its hosts, in ms: spread = max − min lateness.</summary>
public sealed record SkewFigures(int Hosts, double SpreadMs, double MinLateMs, double P50LateMs, double MaxLateMs);
