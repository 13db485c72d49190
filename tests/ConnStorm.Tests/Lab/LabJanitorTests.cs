using System.Diagnostics;
using System.Runtime.Versioning;
using ConnStorm.Lab;
using ConnStorm.Tests.TestSupport;

namespace ConnStorm.Tests.Lab;

[SupportedOSPlatform("linux")]
[Collection(LabCollection.Name)]
public sealed class LabJanitorTests
{
    [LabFact]
    public void The_janitor_removes_a_namespace_whose_owner_pid_is_dead_and_kills_its_processes()
    {
        int dead = TestNamespaces.UnusedPid();
        string name = $"connstorm-{dead}-0";
        TestNamespaces.AddRaw(name);
        Process? orphan = null;
        try
        {
            orphan = Process.Start(new ProcessStartInfo(LabRequirements.FindIp()!, ["netns", "exec", name, "sleep", "30"]));
            Assert.NotNull(orphan);
            // Only the dead pid counts as dead here, so other runs' labs on this machine are left alone.
            var removed = LabJanitor.RemoveStale(pid => pid != dead);
            Assert.Equal([name], removed);
            Assert.DoesNotContain(name, TestNamespaces.List());
            Assert.True(orphan.WaitForExit(TimeSpan.FromSeconds(5)));
        }
        finally
        {
            if (orphan is { HasExited: false })
            {
                orphan.Kill();
            }
            orphan?.Dispose();
            TestNamespaces.DeleteIfPresent(name);
        }
    }

    [LabFact]
    public void The_janitor_keeps_a_namespace_whose_owner_is_this_live_process()
    {
        using var lab = LabNamespace.Create(new Dictionary<string, string>());
        // The real liveness check for our own pid; every other owner is treated as alive so nothing else is touched.
        var removed = LabJanitor.RemoveStale(pid => pid != Environment.ProcessId || LabJanitor.IsLiveOwner(pid));
        Assert.Empty(removed);
        Assert.Contains(lab.Name, TestNamespaces.List());
    }

    [LabFact]
    public void The_janitor_ignores_namespaces_not_named_by_connstorm()
    {
        int dead = TestNamespaces.UnusedPid();
        string name = $"other-{dead}-0";
        TestNamespaces.AddRaw(name);
        try
        {
            Assert.DoesNotContain(name, LabJanitor.RemoveStale(pid => pid != dead));
            Assert.Contains(name, TestNamespaces.List());
        }
        finally
        {
            TestNamespaces.DeleteIfPresent(name);
        }
    }

    [LinuxFact]
    public void This_process_counts_as_a_live_owner()
    {
        Assert.True(LabJanitor.IsLiveOwner(Environment.ProcessId));
    }

    [LinuxFact]
    public void A_dead_pid_is_not_a_live_owner()
    {
        Assert.False(LabJanitor.IsLiveOwner(TestNamespaces.UnusedPid()));
    }

    [LinuxFact]
    public void A_live_process_that_is_not_connstorm_is_not_an_owner_since_pids_are_reused()
    {
        using var sleeper = Process.Start("sleep", "30");
        try
        {
            Assert.False(LabJanitor.IsLiveOwner(sleeper.Id));
        }
        finally
        {
            sleeper.Kill();
            sleeper.WaitForExit(TimeSpan.FromSeconds(5));
        }
    }

    [Theory]
    [InlineData("connstorm-1234-0", true, 1234)]
    [InlineData("connstorm-42-17", true, 42)]
    [InlineData("connstorm-x-0", false, 0)]
    [InlineData("connstorm-12", false, 0)]
    [InlineData("myns", false, 0)]
    [InlineData("connstorm-1-2-3", false, 0)]
    public void Only_connstorm_pid_counter_names_have_an_owner(string name, bool owned, int pid)
    {
        Assert.Equal(owned, LabJanitor.TryParseOwner(name, out int owner));
        Assert.Equal(pid, owner);
    }
}
