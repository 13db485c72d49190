using ConnStorm.Running;
using System.Diagnostics;
using System.Runtime.Versioning;
using ConnStorm.Lab;
using ConnStorm.Tests.TestSupport;
using ConnStorm.Platform;

namespace ConnStorm.Tests.Lab;

[SupportedOSPlatform("linux")]
[Collection(LabCollection.Name)]
public sealed class LabNamespaceTests
{
    private const string PortRange = "net.ipv4.ip_local_port_range";

    private static readonly Dictionary<string, string> NoSysctls = [];

    [LabFact]
    public void Create_makes_a_namespace_that_ip_netns_list_shows_and_Dispose_removes_it()
    {
        string name;
        using (var lab = LabNamespace.Create(NoSysctls))
        {
            name = lab.Name;
            Assert.StartsWith($"connstorm-{Environment.ProcessId}-", name);
            Assert.Contains(name, TestNamespaces.List());
        }
        Assert.DoesNotContain(name, TestNamespaces.List());
    }

    [LabFact]
    public void Two_labs_in_one_process_get_different_names()
    {
        using var a = LabNamespace.Create(NoSysctls);
        using var b = LabNamespace.Create(NoSysctls);
        Assert.NotEqual(a.Name, b.Name);
    }

    [LabFact]
    public void Loopback_is_up_inside_a_new_lab()
    {
        using var lab = LabNamespace.Create(NoSysctls);
        var r = TestNamespaces.Ip("-n", lab.Name, "-o", "link", "show", "lo");
        Assert.True(r.Succeeded, r.StdErr);
        // Flags read <LOOPBACK,UP,LOWER_UP>; a fresh namespace's lo shows <LOOPBACK> only.
        Assert.Contains(",UP", r.StdOut);
    }

    [LabFact]
    public void A_sysctl_applied_in_a_lab_is_seen_inside_and_leaves_the_host_value_unchanged()
    {
        string hostBefore = TestNamespaces.HostSysctl(PortRange);
        using var lab = LabNamespace.Create(new Dictionary<string, string> { [PortRange] = "40000 40099" });

        Assert.Equal("40000 40099", lab.ReadSysctl(PortRange));
        // Seen the same way by an ordinary process started inside (the kernel prints a tab between the ports).
        var inside = ProcessRunner.Run(lab.StartInfo("cat", ["/proc/sys/net/ipv4/ip_local_port_range"]), TimeSpan.FromSeconds(10));
        Assert.Equal("40000\t40099", inside.StdOut.Trim());
        Assert.Equal(hostBefore, TestNamespaces.HostSysctl(PortRange));
        Assert.NotEqual("40000 40099", TestNamespaces.HostSysctl(PortRange));
    }

    [LabFact]
    public void A_key_outside_the_whitelist_is_refused_before_anything_is_created()
    {
        var before = OwnNamespaces();
        var e = Assert.Throws<LabException>(() => LabNamespace.Create(new Dictionary<string, string> { ["kernel.pid_max"] = "4096" }));
        Assert.Contains("kernel.pid_max", e.Message);
        Assert.Equal(before, OwnNamespaces());
    }

    [LabFact]
    public void A_value_the_kernel_rejects_fails_with_the_command_and_leaves_no_namespace()
    {
        var before = OwnNamespaces();
        var e = Assert.Throws<LabException>(() => LabNamespace.Create(new Dictionary<string, string> { [PortRange] = "not a range" }));
        Assert.Contains("netns exec", e.Message);
        Assert.Equal(before, OwnNamespaces());
    }

    [LabFact]
    public void A_value_with_shell_syntax_is_written_literally_never_run()
    {
        string marker = Path.Combine(Path.GetTempPath(), $"connstorm-test-{Guid.NewGuid():N}");
        var before = OwnNamespaces();
        // If the value reached a shell as code, this would create the marker file.
        Assert.Throws<LabException>(() => LabNamespace.Create(new Dictionary<string, string> { [PortRange] = $"1 2; touch {marker}" }));
        Assert.False(File.Exists(marker));
        Assert.Equal(before, OwnNamespaces());
    }

    [LabFact]
    public void Dispose_kills_a_process_started_inside_and_removes_the_namespace()
    {
        var lab = LabNamespace.Create(NoSysctls);
        using var sleeper = Process.Start(lab.StartInfo("sleep", ["30"]))!;
        try
        {
            // ip netns exec execs the command, so the started pid is the sleeper itself.
            Assert.True(WaitUntil(() => lab.Pids().Contains(sleeper.Id), TimeSpan.FromSeconds(5)));
            var watch = Stopwatch.StartNew();
            lab.Dispose();
            Assert.True(sleeper.WaitForExit(TimeSpan.FromSeconds(5)));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"Dispose took {watch.Elapsed}");
            Assert.DoesNotContain(lab.Name, TestNamespaces.List());
        }
        finally
        {
            if (!sleeper.HasExited)
            {
                sleeper.Kill();
            }
            lab.Dispose();
        }
    }

    [LabFact]
    public void Dispose_twice_is_harmless()
    {
        var lab = LabNamespace.Create(NoSysctls);
        lab.Dispose();
        lab.Dispose();
        Assert.DoesNotContain(lab.Name, TestNamespaces.List());
    }

    [LabFact]
    public void The_reported_sysctls_are_read_inside_the_lab()
    {
        using var lab = LabNamespace.Create(new Dictionary<string, string> { ["net.core.somaxconn"] = "1234" });
        var reported = lab.ReadReportedSysctls();
        Assert.Equal(SysctlWhitelist.Reported.Order(), reported.Keys.Order());
        Assert.Equal("1234", reported["net.core.somaxconn"]);
        // fs.* is global, not per namespace, but still readable from inside.
        Assert.Equal(TestNamespaces.HostSysctl("fs.nr_open"), reported["fs.nr_open"]);
    }

    [LabFact]
    public void Reading_a_key_that_does_not_exist_gives_an_empty_string()
    {
        using var lab = LabNamespace.Create(NoSysctls);
        Assert.Equal("", lab.ReadSysctl("net.ipv4.no_such_key"));
        Assert.Equal("", lab.ReadSysctl("../../etc/passwd"));
    }

    private static List<string> OwnNamespaces() =>
        TestNamespaces.List().Where(n => n.StartsWith($"connstorm-{Environment.ProcessId}-", StringComparison.Ordinal)).Order().ToList();

    private static bool WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > timeout)
            {
                return false;
            }
            Thread.Sleep(20);
        }
        return true;
    }
}
