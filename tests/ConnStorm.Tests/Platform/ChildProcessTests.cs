using System.Diagnostics;
using System.Threading.Channels;
using ConnStorm.Platform;

namespace ConnStorm.Tests.Platform;

public sealed class ChildProcessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static string? NextLine(Channel<(ChildProcess From, string? Line)> lines)
    {
        using var timeout = new CancellationTokenSource(Patience);
        return lines.Reader.ReadAsync(timeout.Token).AsTask().GetAwaiter().GetResult().Line;
    }

    [LinuxFact]
    public void A_line_sent_on_stdin_comes_back_on_the_lines_channel_and_eof_ends_with_null()
    {
        var lines = Channel.CreateUnbounded<(ChildProcess, string?)>();
        using var child = ChildProcess.Start("cat", new ProcessStartInfo("cat"), lines);

        Assert.True(child.Send("hello"));
        Assert.Equal("hello", NextLine(lines));

        child.Stop(Patience);
        Assert.Null(NextLine(lines));
        Assert.Equal(0, child.ExitCode);
    }

    [LinuxFact]
    public void A_child_that_ignores_stdin_eof_is_stopped_by_sigterm()
    {
        var lines = Channel.CreateUnbounded<(ChildProcess, string?)>();
        using var child = ChildProcess.Start("sleeper", new ProcessStartInfo("sleep", "60"), lines);

        child.Stop(TimeSpan.FromMilliseconds(100));

        Assert.True(child.HasExited);
    }

    [LinuxFact]
    public void Standard_error_is_kept_for_the_error_message()
    {
        var lines = Channel.CreateUnbounded<(ChildProcess, string?)>();
        using var child = ChildProcess.Start("failing", new ProcessStartInfo("sh", ["-c", "echo broken >&2; exit 4"]), lines);

        Assert.Null(NextLine(lines));
        Assert.True(child.WaitForExit(Patience));
        // The stderr reader thread may still be draining the pipe.
        var until = DateTime.UtcNow + Patience;
        while (child.StandardError.Length == 0 && DateTime.UtcNow < until)
        {
            Thread.Sleep(10);
        }
        Assert.Equal("broken", child.StandardError);
        Assert.Equal(4, child.ExitCode);
    }
}
