namespace ConnStorm.Engine;

/// <summary>
/// Which target, source IP and source port attempt <c>seq</c> uses. Targets turn fastest,
/// then source IPs, then explicit source ports, so one explicit port is offered to every
/// destination (and every source IP) before the next port: the order that shows
/// SO_REUSEADDR sharing one port across destinations.
/// </summary>
public readonly record struct AttemptAddressing(int Targets, int SourceIps, int SourcePorts)
{
    public int TargetIndex(long seq) => (int)(seq % Targets);

    public int SourceIpIndex(long seq) => SourceIps == 0 ? -1 : (int)(seq / Targets % SourceIps);

    public int SourcePortOffset(long seq) => SourcePorts == 0 ? -1 : (int)(seq / Targets / Math.Max(1, SourceIps) % SourcePorts);
}
