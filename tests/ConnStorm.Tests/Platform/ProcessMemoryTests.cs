using System.Diagnostics;
using ConnStorm.Platform;

namespace ConnStorm.Tests.Platform;

public sealed class ProcessMemoryTests
{
    private static long StatusKb(int pid, string field) =>
        long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field, StringComparison.Ordinal))[field.Length..].Trim().Split(' ')[0],
            System.Globalization.CultureInfo.InvariantCulture);

    [LinuxFact]
    public void The_pss_of_a_live_process_is_positive_and_at_most_its_peak_resident_set()
    {
        // Second path: /proc/PID/status. A share of each resident page can never exceed the pages resident at the peak.
        long? pss = ProcessMemory.PssKb(Environment.ProcessId);
        long hwm = StatusKb(Environment.ProcessId, "VmHWM:");

        Assert.NotNull(pss);
        Assert.InRange(pss!.Value, 1, hwm);
    }

    [LinuxFact]
    public void Processes_sharing_a_binary_together_count_less_than_the_sum_of_their_resident_sets()
    {
        using var a = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        using var b = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        try
        {
            Thread.Sleep(200);
            var (total, count) = ProcessMemory.SumPssKb([a.Id, b.Id]);
            long rss = StatusKb(a.Id, "VmRSS:") + StatusKb(b.Id, "VmRSS:");

            Assert.Equal(2, count);
            // The two share sleep's and libc's pages: PSS charges each shared page half to each.
            Assert.InRange(total, 1, rss - 1);
        }
        finally
        {
            a.Kill();
            b.Kill();
        }
    }

    [LinuxFact]
    public void A_process_that_is_gone_has_no_pss_and_is_not_counted()
    {
        using var p = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        p.WaitForExit();
        int gone = p.Id;

        Assert.Null(ProcessMemory.PssKb(gone));
        var (total, count) = ProcessMemory.SumPssKb([gone, Environment.ProcessId]);
        Assert.Equal(1, count);
        Assert.True(total > 0);
    }
}
