using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text;
using ConnStorm.Platform;

namespace ConnStorm.Tests.TestSupport;

/// <summary>
/// A long-running process a <see cref="ClusterRig"/> started (nats-server, a sink, an agent), usually through
/// <c>ip netns exec</c>, which execs the command so <see cref="Pid"/> is the program's own pid. Its output is
/// kept (the first 256 KB of each stream) for assertions and failure messages.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class RigProcess : IDisposable
{
    private const int MaxChars = 256 * 1024;
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private bool _disposed;
    private int? _exitCode;

    private RigProcess(string name, Process process, IReadOnlyList<string> command)
    {
        Name = name;
        _process = process;
        Command = command;
        Pid = process.Id;
    }

    public string Name { get; }

    /// <summary>The program and its arguments as started (ip netns exec NS PROGRAM ARGS...).</summary>
    public IReadOnlyList<string> Command { get; }

    public int Pid { get; }

    /// <summary>After Dispose: whether the pid is gone from /proc (Dispose reaps it, so a stopped process leaves no zombie).</summary>
    public bool HasExited => _disposed ? !Directory.Exists($"/proc/{Pid}") : _process.HasExited;

    public int? ExitCode => _disposed ? _exitCode : _process.HasExited ? _process.ExitCode : null;

    public string Stdout { get { lock (_stdout) return _stdout.ToString(); } }

    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    /// <summary>Starts <paramref name="psi"/> with stdin, stdout and stderr piped (stdin stays open until Stop).</summary>
    public static RigProcess Start(string name, ProcessStartInfo psi)
    {
        psi.RedirectStandardInput = true;
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.UseShellExecute = false;
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {psi.FileName}");
        var rig = new RigProcess(name, process, [psi.FileName, .. psi.ArgumentList]);
        process.OutputDataReceived += (_, e) => Append(rig._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(rig._stderr, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return rig;
    }

    /// <summary>Waits (bounded) until a stdout or stderr line satisfies <paramref name="match"/>; false on timeout or exit.</summary>
    public bool WaitForLine(Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (Lines(Stdout).Concat(Lines(Stderr)).Any(match))
            {
                return true;
            }
            if (_process.HasExited)
            {
                // The readers may still be draining the last lines.
                _process.WaitForExit();
                return Lines(Stdout).Concat(Lines(Stderr)).Any(match);
            }
            Thread.Sleep(20);
        }
        return false;
    }

    public bool WaitForExit(TimeSpan timeout) => _disposed || _process.WaitForExit(timeout);

    /// <summary>Sends a signal (SIGTERM to end an agent cleanly, SIGKILL to simulate a lost host).</summary>
    public void Signal(int signal)
    {
        if (!HasExited)
        {
            Signals.Send(_process.Id, signal);
        }
    }

    /// <summary>SIGTERM, <paramref name="grace"/> to exit, then SIGKILL of the whole tree; waits for the exit. Never throws.</summary>
    public void Stop(TimeSpan grace)
    {
        if (_disposed)
        {
            return;
        }
        try
        {
            if (!_process.HasExited)
            {
                Signals.Send(_process.Id, Signals.SIGTERM);
                if (!_process.WaitForExit(grace))
                {
                    _process.Kill(entireProcessTree: true);
                    _process.WaitForExit(TimeSpan.FromSeconds(5));
                }
            }
            if (_process.HasExited)
            {
                // The parameterless wait also drains the redirected streams.
                _process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the signal.
        }
    }

    public string Describe() => $"{Name} (pid {Pid}, exit {(HasExited ? ExitCode.ToString() : "running")}): {Stdout}{Stderr}".Trim();

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        Stop(TimeSpan.FromSeconds(3));
        _exitCode = _process.HasExited ? _process.ExitCode : null;
        _disposed = true;
        _process.Dispose();
    }

    private static IEnumerable<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static void Append(StringBuilder sb, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (sb)
        {
            if (sb.Length < MaxChars)
            {
                sb.Append(line).Append('\n');
            }
        }
    }
}
