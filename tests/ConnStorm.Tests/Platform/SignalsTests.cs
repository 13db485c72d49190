using System.Diagnostics;
using ConnStorm.Platform;

namespace ConnStorm.Tests.Platform;

public sealed class SignalsTests
{
    [LinuxFact]
    public void Signal_zero_to_our_own_pid_succeeds()
    {
        Assert.True(Signals.Send(Environment.ProcessId, 0));
    }

    [LinuxFact]
    public void Signal_zero_to_a_process_that_has_exited_and_been_reaped_fails()
    {
        int pid;
        using (var process = Process.Start("true"))
        {
            process.WaitForExit();
            pid = process.Id;
        }

        Assert.False(Signals.Send(pid, 0));
    }

    [LinuxFact]
    public void The_effective_user_id_is_the_one_id_reports()
    {
        var id = ProcessRunner.Run("id", ["-u"], TimeSpan.FromSeconds(10));

        Assert.Equal(id.StdOut.Trim(), Signals.EffectiveUserId().ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
