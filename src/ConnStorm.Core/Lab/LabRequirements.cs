using System.Runtime.Versioning;
using ConnStorm.Sockets.Interop;
using ConnStorm.Platform;

namespace ConnStorm.Lab;

/// <summary>Whether this machine and user can run a lab (a private network namespace).</summary>
public static class LabRequirements
{
    private static readonly string[] FallbackDirectories = ["/usr/sbin", "/sbin", "/usr/bin", "/bin"];

    /// <summary>Null when a lab can run; otherwise one sentence saying what is missing and what to do.</summary>
    public static string? WhatIsMissing()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "not Linux: a lab uses Linux network namespaces";
        }
        if (EffectiveUserId() != 0)
        {
            return "a lab needs root (euid 0): run as root or drop `lab:`";
        }
        if (FindIp() is null)
        {
            return "the `ip` command (iproute2) was not found: apt-get install iproute2";
        }
        return null;
    }

    /// <summary>geteuid(): creating a namespace needs CAP_SYS_ADMIN, which in practice means root.</summary>
    [SupportedOSPlatform("linux")]
    public static uint EffectiveUserId() => Signals.EffectiveUserId();

    /// <summary>The full path of <c>ip</c>: PATH first, then the sbin directories a non-login PATH often lacks.</summary>
    public static string? FindIp()
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(FallbackDirectories);
        foreach (string dir in dirs)
        {
            string candidate = Path.Combine(dir, "ip");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}
