using System.Net.NetworkInformation;
using ConnStorm.Platform;
using ConnStorm.Results;

namespace ConnStorm.Cluster;

/// <summary>What an agent announces about its host.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public static class HostFacts
{
    public static Hello Of(string name) => new(
        name,
        SystemFacts.KernelRelease(),
        SystemFacts.Cores,
        FileDescriptorLimit.Read().Hard,
        Addresses(),
        (ReadTrimmed("/proc/sys/net/ipv4/ip_local_port_range") ?? "").Replace('\t', ' '),
        SystemFacts.ToolVersion());

    /// <summary>Every unicast address of an interface that is up: what the agent's workers can bind.</summary>
    public static IReadOnlyList<string> Addresses()
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .Where(i => i.OperationalStatus is OperationalStatus.Up or OperationalStatus.Unknown)
                .SelectMany(i => i.GetIPProperties().UnicastAddresses)
                .Select(u => u.Address.ToString())
                .Distinct()
                .ToList();
        }
        catch (NetworkInformationException)
        {
            return [];
        }
    }

    private static string? ReadTrimmed(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }
}
