using ConnStorm.Rules;

namespace ConnStorm.Results;

public static class RunRowShape
{
    /// <summary>What decides the row's port limit, as the port rules read it (no source IPs count as 1).</summary>
    public static ClientShape Shape(this RunRow row) => new(
        row.BindBeforeConnect,
        row.BindAddressNoPort,
        row.ReuseAddr,
        row.SourcePorts ?? 0,
        row.PortRangeSize ?? 0,
        row.Targets,
        Math.Max(1, row.SourceIps));
}
