using System.Diagnostics;
using ConnStorm.Running;
using ConnStorm.Platform;

namespace ConnStorm.Plots;

/// <summary>Finds and runs the gnuplot executable.</summary>
public static class Gnuplot
{
    public const string MissingHint = "gnuplot not found: install it with `apt-get install gnuplot-nox`, then run `connstorm plot DIR`";

    /// <summary>The gnuplot executable on PATH, or null.</summary>
    public static string? Find() => Find(Environment.GetEnvironmentVariable("PATH"));

    /// <summary>Searches the given PATH value, so a test can simulate a machine without gnuplot.</summary>
    internal static string? Find(string? pathVariable)
    {
        if (string.IsNullOrEmpty(pathVariable))
        {
            return null;
        }
        foreach (var dir in pathVariable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "gnuplot");
            if (File.Exists(candidate) && IsExecutable(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>Runs the script found on PATH; exit code 127 when there is no gnuplot.</summary>
    public static (int ExitCode, string Stderr) Run(string scriptPath, TimeSpan timeout) =>
        Find() is { } gnuplot ? Run(gnuplot, scriptPath, timeout) : (127, MissingHint);

    /// <summary>
    /// Runs <paramref name="gnuplot"/> on the script with the script's folder as working directory,
    /// because the scripts name their CSVs and outputs by relative path. Killed after <paramref name="timeout"/>.
    /// </summary>
    internal static (int ExitCode, string Stderr) Run(string gnuplot, string scriptPath, TimeSpan timeout)
    {
        var full = Path.GetFullPath(scriptPath);
        var start = new ProcessStartInfo(gnuplot)
        {
            WorkingDirectory = Path.GetDirectoryName(full)!,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.GetFileName(full));
        // gnuplot falls back to the x11 terminal without one; the script sets its own, but keep
        // a stray DISPLAY from opening windows.
        start.Environment.Remove("DISPLAY");

        var result = ProcessRunner.Run(start, timeout);
        return result.TimedOut
            ? (-1, $"gnuplot did not finish within {timeout.TotalSeconds:0} s and was stopped")
            : (result.ExitCode, result.StdErr);
    }

    private static bool IsExecutable(string path) =>
        OperatingSystem.IsWindows()
        || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
