using System.Diagnostics;
using ConnStorm.Platform;

namespace ConnStorm.Tests.TestSupport;

/// <summary>What a run may have left behind: its namespaces and its worker and sink processes.</summary>
public static class Leftovers
{
    /// <summary>Namespaces whose name says <paramref name="ownerPid"/> made them.</summary>
    public static IReadOnlyList<string> NamespacesOf(int ownerPid)
    {
        var psi = new ProcessStartInfo("ip", "netns list") { RedirectStandardOutput = true, UseShellExecute = false };
        using var p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ')[0])
            .Where(n => n.StartsWith($"connstorm-{ownerPid}-", StringComparison.Ordinal))
            .ToList();
    }

    private static readonly string OwnBinary = string.Join(' ', ConnStorm.Platform.SelfCommand.Resolve() is var (file, prefix) ? prefix.Prepend(file) : []);

    /// <summary>
    /// Live worker and sink processes started by a run (their command lines say
    /// "connstorm worker" or "sink --exit-on-stdin-eof"). The end-to-end tests run one at
    /// a time, so after a test there must be none.
    /// </summary>
    public static IReadOnlyList<string> ExperimentProcesses() =>
        // Only this test run's own binary: other checkouts (or a user's runs) may be busy too.
        ProcessTable.All()
            .Where(p => p.CommandLine.StartsWith(OwnBinary, StringComparison.Ordinal) &&
                (p.CommandLine.Contains(" worker", StringComparison.Ordinal) || p.CommandLine.Contains("--exit-on-stdin-eof", StringComparison.Ordinal)))
            .Select(p => $"{p.Pid}: {p.CommandLine}")
            .ToList();

    /// <summary>Live `connstorm agent` processes of this test run's own binary.</summary>
    public static IReadOnlyList<string> AgentProcesses() =>
        ProcessTable.All()
            .Where(p => p.CommandLine.StartsWith(OwnBinary, StringComparison.Ordinal) && p.CommandLine.Contains(" agent --nats", StringComparison.Ordinal))
            .Select(p => $"{p.Pid}: {p.CommandLine}")
            .ToList();
}
