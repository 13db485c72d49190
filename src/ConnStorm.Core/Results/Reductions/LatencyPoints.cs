using System.Globalization;

namespace ConnStorm.Results.Reductions;

/// <summary>
/// connect-latency's points: each connection's time inside bind() + connect() (syscall_us; connect_us in
/// files from before it) against how full the port space was when it was made, even and odd source
/// ports apart (the kernel's port search prefers one parity for connect(), so they often behave differently).
/// </summary>
public sealed record LatencyPoints(IReadOnlyList<Point> Even, IReadOnlyList<Point> Odd, long Capacity, bool CapacityKnown)
{
    /// <summary>
    /// X is the connection's place in the file as a percentage of <paramref name="capacity"/> (the
    /// rule's limit, or range × targets); without one, of the row count. A time below the 1 µs
    /// resolution (0) is drawn at 1 µs, for the log axis.
    /// </summary>
    public static LatencyPoints Of(IReadOnlyList<ConnectionRecord> connections, long? capacity, bool syscall)
    {
        var known = capacity is > 0;
        var of = known ? capacity!.Value : Math.Max(1, connections.Count);
        var even = new List<Point>();
        var odd = new List<Point>();
        for (var i = 0; i < connections.Count; i++)
        {
            var c = connections[i];
            if (Port(c.Source) is not { } port)
            {
                continue;
            }
            var point = new Point(i * 100.0 / of, Math.Max(1, syscall ? c.SyscallUs : c.ConnectUs));
            (port % 2 == 0 ? even : odd).Add(point);
        }
        return new LatencyPoints(even, odd, of, known);
    }

    /// <summary>Capacity as the port rules see the run (bind(ip, 0) has one range per source IP, connect() one per destination); without a rule, range × targets.</summary>
    public static long? CapacityOf(RunRow run) =>
        run.PredictedLimit ?? (run.PortRangeSize is { } size && run.Targets > 0 ? (long)size * run.Targets : null);

    /// <summary>The port after the last ':' of "10.0.0.1:40001" or "[fd00::1]:40001"; null when there is none.</summary>
    public static int? Port(string source)
    {
        var colon = source.LastIndexOf(':');
        return colon >= 0 && int.TryParse(source.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : null;
    }
}
