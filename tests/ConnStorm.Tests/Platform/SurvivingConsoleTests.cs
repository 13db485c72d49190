using System.Text;
using ConnStorm.Platform;

namespace ConnStorm.Tests.Platform;

public sealed class SurvivingConsoleTests
{
    /// <summary>A terminal that has hung up: every write fails as a write(2) returning EIO does.</summary>
    private sealed class HungUpTerminal : TextWriter
    {
        public int Attempts { get; private set; }

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            Attempts++;
            throw new IOException("Input/output error");
        }

        public override void Write(string? value) => Write('x');

        public override void Flush() => Write('x');
    }

    [Fact]
    public void Writing_to_a_hung_up_terminal_throws_nothing_and_marks_the_console_gone()
    {
        var terminal = new HungUpTerminal();
        using var console = new SurvivingConsole(terminal);

        console.WriteLine("progress");
        console.Write("more");
        console.Flush();

        Assert.True(console.Gone);
        Assert.Equal(1, terminal.Attempts);
    }

    [Fact]
    public void Writes_pass_through_while_someone_is_reading()
    {
        using var inner = new StringWriter();
        using var console = new SurvivingConsole(inner);

        console.WriteLine("held 50 of 50 attempts");
        console.Write('!');

        Assert.False(console.Gone);
        Assert.Equal("held 50 of 50 attempts" + Environment.NewLine + "!", inner.ToString());
    }
}
