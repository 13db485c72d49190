using ConnStorm.Platform;

namespace ConnStorm.Tests.Platform;

public sealed class FileDescriptorLimitTests
{
    [LinuxFact]
    public void The_soft_limit_is_never_above_the_hard_limit()
    {
        var (soft, hard) = FileDescriptorLimit.Read();

        Assert.InRange(soft, 1UL, hard);
    }

    [LinuxFact]
    public void Raising_the_soft_limit_reaches_the_hard_limit_without_privilege()
    {
        ulong raised = FileDescriptorLimit.RaiseSoftToHard();

        Assert.Equal(FileDescriptorLimit.Read().Hard, raised);
        Assert.Equal(FileDescriptorLimit.Read().Soft, raised);
    }

    [LinuxFact]
    public void The_descriptors_open_now_include_stdin_stdout_and_stderr()
    {
        Assert.True(FileDescriptorLimit.OpenNow() >= 3);
    }
}
