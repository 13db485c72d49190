using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using ConnStorm.Running;
using ConnStorm.Scenarios;

namespace ConnStorm.Benchmarks;

/// <summary>
/// The C yardstick from ../shared/bench (rawconnect: non-blocking connect + epoll),
/// run in a lab of its own against ConnStorm's embedded sink, so both connectors meet
/// the same server on the same kernel in the same run.
/// </summary>
[SupportedOSPlatform("linux")]
internal static partial class Yardstick
{
    public sealed record Figures(long Established, long Failed, double Seconds, double RatePerSecond, string FirstErrno);

    /// <summary>../shared/bench/bin/rawconnect seen from the repository root or the working directory, if built.</summary>
    public static string? Find(string? explicitPath)
    {
        if (explicitPath is not null)
        {
            return File.Exists(explicitPath) ? Path.GetFullPath(explicitPath) : null;
        }
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "..", "shared", "bench", "bin", "rawconnect");
                if (File.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }
        return null;
    }

    public static Figures Run(string rawconnect, Scenario scenario, int window)
    {
        var target = scenario.Targets[0];
        using var experiment = Experiment.Start(scenario, workers: 0, sinks: 1, fdCap: null, CancellationToken.None);
        var psi = experiment.Lab!.StartInfo(rawconnect,
        [
            scenario.Load.Connections.ToString(CultureInfo.InvariantCulture), "1",
            target.Port.ToString(CultureInfo.InvariantCulture), "1", window.ToString(CultureInfo.InvariantCulture),
        ]);
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        using var p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("rawconnect did not finish in 2 minutes");
        }
        var m = Line().Match(output);
        if (!m.Success)
        {
            throw new InvalidOperationException($"rawconnect printed no figures: {output}{p.StandardError.ReadToEnd()}");
        }
        return new Figures(
            long.Parse(m.Groups["ok"].Value, CultureInfo.InvariantCulture),
            long.Parse(m.Groups["failed"].Value, CultureInfo.InvariantCulture),
            double.Parse(m.Groups["seconds"].Value, CultureInfo.InvariantCulture),
            double.Parse(m.Groups["rate"].Value, CultureInfo.InvariantCulture),
            m.Groups["errno"].Value);
    }

    [GeneratedRegex(@"established=(?<ok>\d+) failed=(?<failed>\d+) seconds=(?<seconds>[\d.]+) rate_per_s=(?<rate>[\d.]+) first_errno=(?<errno>\S+)")]
    private static partial Regex Line();
}
