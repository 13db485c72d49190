namespace ConnStorm.Scenarios;

/// <summary>Reads and writes net.ipv4.ip_local_port_range in a lab's sysctls, the range every port rule depends on.</summary>
internal static class LabPortRange
{
    public const string Key = "net.ipv4.ip_local_port_range";

    /// <summary>The lab's range, or null when there is no lab or it keeps the kernel default.</summary>
    public static PortRange? Of(LabSpec? lab) =>
        lab is not null && lab.Sysctl.TryGetValue(Key, out var value)
            ? EndpointPattern.ParsePortRange(value)
            : null;

    /// <summary>The sysctl's own form, "LO HI", as the lab writes it and the resolved scenario records it.</summary>
    public static string Format(PortRange range) => $"{range.Lo} {range.Hi}";

    public static LabSpec With(LabSpec? lab, PortRange range)
    {
        var sysctl = new Dictionary<string, string>(lab?.Sysctl ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [Key] = Format(range),
        };
        return (lab ?? new LabSpec()) with { Sysctl = sysctl };
    }
}
