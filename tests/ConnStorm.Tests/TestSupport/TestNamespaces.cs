using ConnStorm.Running;
using System.Globalization;
using System.Runtime.Versioning;
using ConnStorm.Lab;
using ConnStorm.Platform;

namespace ConnStorm.Tests.TestSupport;

/// <summary>Looks at named network namespaces from the host side, the way an operator would.</summary>
[SupportedOSPlatform("linux")]
public static class TestNamespaces
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static IReadOnlyList<string> List() =>
        Ip("netns", "list").StdOut
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ', 2)[0])
            .ToList();

    public static bool Exists(string name) => List().Contains(name);

    public static ProcessResult Ip(params string[] args) =>
        ProcessRunner.Run(LabRequirements.FindIp() ?? "ip", args, Timeout);

    /// <summary>Creates a bare namespace by name (as a crashed run would leave it); the caller must delete it.</summary>
    public static void AddRaw(string name)
    {
        var r = Ip("netns", "add", name);
        Assert.True(r.Succeeded, $"ip netns add {name}: {r.StdErr}");
    }

    public static void DeleteIfPresent(string name)
    {
        if (Exists(name))
        {
            Ip("netns", "del", name);
        }
    }

    /// <summary>A pid no process has now: counts down from pid_max, skipping any that /proc shows.</summary>
    public static int UnusedPid()
    {
        int pidMax = int.Parse(File.ReadAllText("/proc/sys/kernel/pid_max").Trim(), CultureInfo.InvariantCulture);
        for (int pid = pidMax - 1; pid > pidMax - 10_000; pid--)
        {
            if (!Directory.Exists($"/proc/{pid}"))
            {
                return pid;
            }
        }
        throw new InvalidOperationException("no unused pid near pid_max");
    }

    /// <summary>The host's value of a sysctl (this test process runs in the host namespace).</summary>
    public static string HostSysctl(string key) =>
        LabNamespace.Collapse(File.ReadAllText(SysctlWhitelist.ProcPath(key)));
}
