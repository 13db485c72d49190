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
