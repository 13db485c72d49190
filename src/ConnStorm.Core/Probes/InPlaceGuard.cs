using ConnStorm.Lab;
using ConnStorm.Platform;

namespace ConnStorm.Probes;

/// <summary>
/// Probes set sysctls of the namespace they run in. In place (no lab of their own) that is only
/// allowed where it cannot touch the host: inside ConnStorm's micro-VM (its kernel command line
/// carries connstorm.vm=1), or in a named network namespace (`ip netns add`), never the host's.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public static class InPlaceGuard
{
    public const string VmMarker = "connstorm.vm=1";

    /// <summary>Null when probing in place is safe here; else why not.</summary>
    public static string? WhyNot()
    {
        try
        {
            if (File.ReadAllText("/proc/cmdline").Split([' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries).Contains(VmMarker))
            {
                return null;
            }
            // `ip netns identify` names the network namespace we are in when it is a named one (made
            // with `ip netns add`); the host's has no name. (/proc/1/ns/net is not always readable.)
            if (LabRequirements.FindIp() is { } ip)
            {
                var named = Platform.ProcessRunner.Run(ip, ["netns", "identify", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
                if (named.Succeeded && named.StdOut.Trim().Length > 0)
                {
                    return null;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return "--in-place runs probes in this network namespace and changes its sysctls while they run; " +
            "that is allowed only inside ConnStorm's micro-VM or in a network namespace of your own, never the host's. Drop --in-place to give each probe a lab";
    }
}
