using System.Diagnostics;
using System.Runtime.Versioning;
using System.Threading.Channels;

namespace ConnStorm.Platform;

/// <summary>
/// A worker or sink process: its stdout lines arrive on <see cref="Lines"/> (read on a
/// thread of their own so a chatty child never blocks on a full pipe), its stdin is the
/// control channel, and <see cref="Stop"/> ends it: stdin EOF first, SIGTERM, then SIGKILL.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private Channel<(ChildProcess From, string? Line)> _lines;
    private readonly Lock _linesLock = new();
    private readonly StringWriter _stderr = new();

    public string Name { get; }

    private ChildProcess(string name, Process process, Channel<(ChildProcess, string?)> lines)
    {
        Name = name;
        _process = process;
        _lines = lines;
    }

    /// <summary>Starts <paramref name="psi"/>; stdout lines (then a null at EOF) are written to <paramref name="lines"/>.</summary>
    public static ChildProcess Start(string name, ProcessStartInfo psi, Channel<(ChildProcess From, string? Line)> lines)
    {
        psi.RedirectStandardInput = true;
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.UseShellExecute = false;
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {psi.FileName}");
        var child = new ChildProcess(name, process, lines);
        // Taken before the threads start: a child that ends at once may be disposed before a thread first runs,
        // and Process.StandardOutput then throws ObjectDisposedException (seen with the quick AOT worker).
        var stdout = process.StandardOutput;
        var stderr = process.StandardError;
        var outReader = new Thread(() =>
        {
            try
            {
                while (stdout.ReadLine() is { } line)
                {
                    child.Deliver(line);
                }
            }
            catch (Exception e) when (e is ObjectDisposedException or IOException)
            {
                // Disposed while reading: what it said so far is kept; the end is reported below.
            }
            child.Deliver(null);
        }) { IsBackground = true, Name = $"{name}-stdout" };
        outReader.Start();
        var errReader = new Thread(() =>
        {
            try
            {
                while (stderr.ReadLine() is { } line)
                {
                    lock (child._stderr)
                    {
                        if (child._stderr.GetStringBuilder().Length < 64 * 1024)
                        {
                            child._stderr.WriteLine(line);
                        }
                    }
                }
            }
            catch (Exception e) when (e is ObjectDisposedException or IOException)
            {
            }
        }) { IsBackground = true, Name = $"{name}-stderr" };
        errReader.Start();
        return child;
    }

    private void Deliver(string? line)
    {
        lock (_linesLock)
        {
            _lines.Writer.TryWrite((this, line));
        }
    }

    /// <summary>
    /// From now on the child's lines go straight to <paramref name="merged"/>, after any still unread
    /// in the channel given at the start (in their order): one hop per line instead of a copy task
    /// between two channels (a worker writes a line per connection).
    /// </summary>
    public void RedirectTo(Channel<(ChildProcess From, string? Line)> merged)
    {
        lock (_linesLock)
        {
            while (_lines.Reader.TryRead(out var item))
            {
                merged.Writer.TryWrite(item);
            }
            _lines = merged;
        }
    }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString().Trim();
            }
        }
    }

    public bool Send(string line)
    {
        try
        {
            _process.StandardInput.WriteLine(line);
            _process.StandardInput.Flush();
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    /// <summary>Closes stdin (the child's cue to finish), then escalates to SIGTERM and SIGKILL.</summary>
    public void Stop(TimeSpan grace)
    {
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
        }
        if (_process.WaitForExit(grace))
        {
            return;
        }
        Signals.Send(_process.Id, Signals.SIGTERM);
        if (_process.WaitForExit(TimeSpan.FromSeconds(2)))
        {
            return;
        }
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
        _process.WaitForExit(TimeSpan.FromSeconds(2));
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Stop(TimeSpan.FromSeconds(1));
        }
        _process.Dispose();
    }
}
