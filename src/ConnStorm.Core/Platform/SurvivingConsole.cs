using System.Text;

namespace ConnStorm.Platform;

/// <summary>
/// Console output that a closed terminal cannot break. After SIGHUP the terminal may be gone and
/// writes fail (EIO on a hung-up tty, EPIPE on a closed pipe); progress lines are then lost, but the
/// exception must not be, or it would stop the shutdown before the results are written and the lab
/// is removed. The first failed write silences the writer for good.
/// </summary>
public sealed class SurvivingConsole(TextWriter inner) : TextWriter
{
    private volatile bool _gone;

    /// <summary>True once a write has failed: nobody is reading any more.</summary>
    public bool Gone => _gone;

    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    /// <summary>Wraps stdout and stderr; call before anything (Spectre.Console included) holds on to them.</summary>
    public static void Install()
    {
        Console.SetOut(new SurvivingConsole(Console.Out));
        Console.SetError(new SurvivingConsole(Console.Error));
    }

    public override void Write(char value) => Guard(() => inner.Write(value));

    public override void Write(string? value) => Guard(() => inner.Write(value));

    public override void Write(char[] buffer, int index, int count) => Guard(() => inner.Write(buffer, index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        if (_gone)
        {
            return;
        }
        try
        {
            inner.Write(buffer);
        }
        catch (IOException)
        {
            _gone = true;
        }
    }

    public override void WriteLine(string? value) => Guard(() => inner.WriteLine(value));

    public override void WriteLine() => Guard(inner.WriteLine);

    public override void Flush() => Guard(inner.Flush);

    private void Guard(Action write)
    {
        if (_gone)
        {
            return;
        }
        try
        {
            write();
        }
        catch (IOException)
        {
            _gone = true;
        }
    }
}
