using System.Diagnostics;
using System.Text;
using ConnStorm.Platform;

namespace ConnStorm.Tests.TestSupport;

/// <summary>Runs the real connstorm executable as a child process, bounded by a timeout.</summary>
public static class ConnStormCli
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr, int Pid);

    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ConnStorm.sln")))
            {
                dir = dir.Parent;
            }
            return dir?.FullName ?? throw new InvalidOperationException("ConnStorm.sln not found above the test binaries");
        }
    }

    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var (file, prefix) = ConnStorm.Platform.SelfCommand.Resolve();
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = RepoRoot,
        };
        foreach (string a in prefix.Concat(args))
        {
            psi.ArgumentList.Add(a);
        }
        return psi;
    }

    /// <summary>The CLI started through another command, such as prlimit or setpriv with their own arguments.</summary>
    public static ProcessStartInfo StartInfoUnder(string wrapper, IEnumerable<string> wrapperArgs, params string[] args)
    {
        var cli = StartInfo(args);
        var psi = new ProcessStartInfo(wrapper)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = cli.WorkingDirectory,
        };
        foreach (string a in wrapperArgs.Append(cli.FileName).Concat(cli.ArgumentList))
        {
            psi.ArgumentList.Add(a);
        }
        return psi;
    }

    public static Result Run(TimeSpan timeout, params string[] args) => Run(StartInfo(args), timeout, null);

    /// <summary>Runs the process; <paramref name="whileRunning"/> gets the live process and its stdout so far.</summary>
    public static Result Run(ProcessStartInfo psi, TimeSpan timeout, Action<Process, Func<string>>? whileRunning)
    {
        using var p = Process.Start(psi)!;
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        whileRunning?.Invoke(p, () => { lock (stdout) return stdout.ToString(); });
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            throw new TimeoutException($"connstorm {string.Join(' ', psi.ArgumentList)} did not finish in {timeout}: {stdout}{stderr}");
        }
        p.WaitForExit();
        return new Result(p.ExitCode, stdout.ToString(), stderr.ToString(), p.Id);
    }
}
