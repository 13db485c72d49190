using System.Diagnostics;
using ConnStorm.Platform;

namespace ConnStorm.Tests.Platform;

public sealed class ProcStatusTests
{
    [LinuxFact]
    public void The_peak_memory_of_this_process_is_some_kilobytes()
    {
        Assert.True(ProcStatus.PeakKb(Environment.ProcessId) > 0);
    }

    [LinuxFact]
    public void The_anonymous_memory_of_this_process_is_part_of_its_resident_set_and_grows_with_what_it_touches()
    {
        int pid = Environment.ProcessId;
        long before = ProcStatus.AnonKb(pid);
        var touched = new byte[64 << 20];
        for (int i = 0; i < touched.Length; i += 4096)
        {
            touched[i] = 1;
        }

        long after = ProcStatus.AnonKb(pid);

        Assert.InRange(after, 1, ProcStatus.RssKb(pid));
        Assert.True(after - before >= 32 << 10, $"RssAnon grew by {after - before} KiB after 64 MiB were touched");
        GC.KeepAlive(touched);
    }

    [LinuxFact]
    public void The_peak_memory_of_a_process_that_is_gone_reads_as_zero()
    {
        int pid;
        using (var process = Process.Start("true"))
        {
            process.WaitForExit();
            pid = process.Id;
        }

        Assert.Equal(0, ProcStatus.PeakKb(pid));
    }
}
