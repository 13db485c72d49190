using System.Globalization;
using System.Runtime.Versioning;
using ConnStorm.Sockets;
using ConnStorm.Sockets.Interop;
using ConnStorm.Platform;

namespace ConnStorm.Lab;

/// <summary>The iproute2 calls a lab makes, each bounded in time, plus the kill loop shared by Dispose and the janitor.</summary>
[SupportedOSPlatform("linux")]
internal static class Ip
{
    /// <summary>Every ip call is quick; ten seconds only guards against a wedged helper.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static readonly Lazy<string> Path = new(() => LabRequirements.FindIp() ?? "ip");

    public static string FileName => Path.Value;

    public static ProcessResult Run(params string[] args) => ProcessRunner.Run(FileName, args, Timeout);

    /// <summary>Runs and throws a <see cref="LabException"/> naming the command and its stderr on failure.</summary>
    public static ProcessResult Check(params string[] args)
    {
        var r = Run(args);
        if (!r.Succeeded)
        {
            throw Failure(args, r);
        }
        return r;
    }

    public static LabException Failure(IEnumerable<string> args, ProcessResult r) =>
        new($"`{ProcessRunner.Describe(FileName, args)}` failed (exit {r.ExitCode}): {r.StdErr.Trim()}");

    /// <summary>Names of every named network namespace (first word of each `ip netns list` line, which may add "(id: N)").</summary>
    public static IReadOnlyList<string> ListNamespaces()
    {
        var r = Run("netns", "list");
        return r.Succeeded
            ? r.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => line.Split(' ', 2)[0])
                .ToList()
            : [];
    }

    /// <summary>Pids of the processes whose network namespace is <paramref name="name"/>.</summary>
    public static IReadOnlyList<int> Pids(string name)
    {
        var r = Run("netns", "pids", name);
        var pids = new List<int>();
        if (!r.Succeeded)
        {
            return pids;
        }
        foreach (string line in r.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
            {
                pids.Add(pid);
            }
        }
        return pids;
    }

    /// <summary>
    /// SIGTERM everything in the namespace, give it <paramref name="grace"/> to exit, SIGKILL the rest, then
    /// delete the name. Deleting only unmounts the name: the kernel frees the namespace when its last process
    /// exits, which is why the processes go first. Never throws.
    /// </summary>
    public static void Destroy(string name, TimeSpan grace)
    {
        try
        {
            Signal(Pids(name), Signals.SIGTERM);
            var deadline = Environment.TickCount64 + (long)grace.TotalMilliseconds;
            var left = Pids(name);
            while (left.Count > 0 && Environment.TickCount64 < deadline)
            {
                Thread.Sleep(50);
                left = Pids(name);
            }
            if (left.Count > 0)
            {
                Signal(left, Signals.SIGKILL);
                // A killed process leaves the namespace as it exits; a zombie no longer counts (its ns links are gone).
                var killDeadline = Environment.TickCount64 + 1000;
                while (Pids(name).Count > 0 && Environment.TickCount64 < killDeadline)
                {
                    Thread.Sleep(20);
                }
            }
            Run("netns", "del", name);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"connstorm: could not remove lab namespace {name}: {e.Message}");
        }
    }

    private static void Signal(IEnumerable<int> pids, int signal)
    {
        foreach (int pid in pids)
        {
            // Never signal ourselves: a namespace we did not enter cannot contain us, but a bad listing must not kill the run.
            if (pid != Environment.ProcessId && pid > 1)
            {
                Signals.Send(pid, signal);
            }
        }
    }
}
