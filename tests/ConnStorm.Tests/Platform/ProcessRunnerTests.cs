using System.Diagnostics;
using ConnStorm.Tests.TestSupport;
using ConnStorm.Platform;

namespace ConnStorm.Tests.Platform;

public sealed class ProcessRunnerTests
{
    [LinuxFact]
    public void Run_returns_the_exit_code_and_both_outputs()
    {
        var r = ProcessRunner.Run("sh", ["-c", "echo out; echo err >&2; exit 3"], TimeSpan.FromSeconds(10));
        Assert.Equal(3, r.ExitCode);
        Assert.Equal("out", r.StdOut.Trim());
        Assert.Equal("err", r.StdErr.Trim());
        Assert.False(r.Succeeded);
    }

    [LinuxFact]
    public void A_command_past_its_timeout_is_killed()
    {
        var watch = Stopwatch.StartNew();
        var r = ProcessRunner.Run("sleep", ["30"], TimeSpan.FromMilliseconds(200));
        Assert.True(r.TimedOut);
        Assert.False(r.Succeeded);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [LinuxFact]
    public void A_missing_program_reports_exit_127_instead_of_throwing()
    {
        var r = ProcessRunner.Run("/nonexistent/connstorm-no-such-program", [], TimeSpan.FromSeconds(5));
        Assert.Equal(ProcessRunner.CouldNotStart, r.ExitCode);
    }

    [Fact]
    public void Describe_quotes_arguments_a_shell_would_split()
    {
        Assert.Equal("ip netns exec n sh -c 'printf x' '40000 40099'", ProcessRunner.Describe("ip", ["netns", "exec", "n", "sh", "-c", "printf x", "40000 40099"]));
    }
}
