using ConnStorm.Results;
using ConnStorm.Verdicts;

namespace ConnStorm.Tests.TestSupport;

/// <summary>Hand-made runs.csv rows of each client kind; by default each one reaches its limit.</summary>
internal static class Rows
{
    public static readonly Func<RunRow, IReadOnlyList<(string Source, string Target)>?> NoConnections = _ => null;

    /// <summary>connect() without bind.</summary>
    public static RunRow Connect(int run, int range, int targets, long held, string errno = "EADDRNOTAVAIL", string phase = "connect") =>
        Failed(run, held, errno, phase) with { PortRangeSize = range, Targets = targets };

    /// <summary>bind(ip, 0) before connect().</summary>
    public static RunRow BindZero(int run, int range, int targets, int ips, long held, string errno = "EADDRINUSE", string phase = "bind") =>
        Failed(run, held, errno, phase) with { PortRangeSize = range, Targets = targets, SourceIps = ips, BindBeforeConnect = true };

    /// <summary>bind(ip, 0) with IP_BIND_ADDRESS_NO_PORT.</summary>
    public static RunRow NoPort(int run, int range, int targets, int ips, long held, string errno = "EADDRNOTAVAIL", string phase = "connect") =>
        BindZero(run, range, targets, ips, held, errno, phase) with { BindAddressNoPort = true };

    /// <summary>bind(ip, explicit port) with SO_REUSEADDR.</summary>
    public static RunRow Reuse(int run, int ports, int targets, int ips, long held, string errno = "EADDRNOTAVAIL", string phase = "connect") =>
        Failed(run, held, errno, phase) with
        {
            PortRangeSize = 28232,
            Targets = targets,
            SourceIps = ips,
            BindBeforeConnect = true,
            ReuseAddr = true,
            SourcePorts = ports,
        };

    private static RunRow Failed(int run, long held, string errno, string phase) => new()
    {
        Run = run,
        Variant = $"v{run}",
        Attempted = held + 1,
        MaxEstablished = held,
        FirstFailureAt = held,
        FirstFailureErrno = errno,
        FirstFailurePhase = phase,
        Failures = 1,
        RunDir = $"run-{run}",
    };

    public static Verdict Verdict(IReadOnlyList<RunRow> rows, string claim, Func<RunRow, IReadOnlyList<(string Source, string Target)>?>? connections = null) =>
        MythVerdicts.Judge(rows, connections ?? NoConnections).Single(v => v.Claim == claim);
}
