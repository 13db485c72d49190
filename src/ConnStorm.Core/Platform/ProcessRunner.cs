using System.ComponentModel;
using System.Diagnostics;

namespace ConnStorm.Platform;

/// <summary>What a finished (or timed-out) command left behind.</summary>
public sealed record ProcessResult(int ExitCode, string StdOut, string StdErr, bool TimedOut)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut;
}

/// <summary>
/// Runs a short helper command (the <c>ip</c> calls) with its output captured and a hard
/// time bound: a wedged helper is killed, never waited on forever.
/// </summary>
public static class ProcessRunner
{
    /// <summary>Exit code reported when the program could not be started at all (as a shell does).</summary>
    public const int CouldNotStart = 127;

    /// <summary>Exit code reported when the command was killed for running past its timeout.</summary>
    public const int KilledOnTimeout = -1;

    public static ProcessResult Run(string fileName, IEnumerable<string> args, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }
        return Run(psi, timeout);
    }

    public static ProcessResult Run(ProcessStartInfo psi, TimeSpan timeout)
    {
        psi.RedirectStandardInput = true;
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.UseShellExecute = false;
        using var process = new Process { StartInfo = psi };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            return new ProcessResult(CouldNotStart, "", $"{psi.FileName}: {e.Message}", false);
        }
        // A helper that reads stdin must see EOF at once rather than inherit ours.
        process.StandardInput.Close();
        // Both pipes are drained concurrently: a child filling one pipe while we block on the other would deadlock.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited between the timeout and the kill.
            }
            process.WaitForExit(TimeSpan.FromSeconds(2));
            return new ProcessResult(KilledOnTimeout, Collect(stdout), Collect(stderr) + $"(killed after {timeout.TotalSeconds:0.#} s)", true);
        }
        // WaitForExit(TimeSpan) does not wait for the redirected streams; the parameterless one does.
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, Collect(stdout), Collect(stderr), false);
    }

    /// <summary>The command as one would type it, for error messages.</summary>
    public static string Describe(string fileName, IEnumerable<string> args) =>
        string.Join(' ', new[] { fileName }.Concat(args).Select(Quote));

    private static string Quote(string a) =>
        a.Length > 0 && a.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=,@%+".Contains(c)) ? a : "'" + a.Replace("'", "'\\''") + "'";

    private static string Collect(Task<string> read) =>
        read.Wait(TimeSpan.FromSeconds(2)) ? read.Result : "";
}
