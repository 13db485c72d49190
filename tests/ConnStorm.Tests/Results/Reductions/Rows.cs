using ConnStorm.Results;

namespace ConnStorm.Tests.Results.Reductions;

/// <summary>Hand-made rows for the reductions.</summary>
internal static class Rows
{
    public static RunRow Run(int n, string variant = "connect", int? size = 1000, int targets = 1, int sourceIps = 1, long held = 1000, long attempted = 1001, long? predicted = 1000) => new()
    {
        Run = n,
        Variant = variant,
        PortRangeSize = size,
        Targets = targets,
        SourceIps = sourceIps,
        MaxEstablished = held,
        Attempted = attempted,
        PredictedLimit = predicted,
        RunDir = $"runs/{n:000}-{variant}",
    };

    public static TimelineRow Interval(double tMs, long open, long established = 0, long eaddrnotavail = 0, long? timeWait = null)
    {
        var byErrno = new long[TimelineRow.TimelineErrnos.Count + 1];
        byErrno[0] = eaddrnotavail;
        return new TimelineRow { TMs = tMs, Open = open, Established = established, ByErrno = byErrno, TimeWait = timeWait };
    }

    public static ConnectionRecord Connection(long seq, string source, long syscallUs = 10, long connectUs = 50) =>
        new(seq, seq, source, "10.0.1.1:9000", connectUs, syscallUs);
}
