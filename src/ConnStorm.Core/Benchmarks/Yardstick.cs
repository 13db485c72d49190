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

    /// <summary>
    /// Runs <paramref name="processes"/> rawconnect processes at once in one lab against the scenario's
    /// sink (<paramref name="sinks"/> sink processes, as ConnStorm's run had), each opening its share of
    /// load.connections round-robin over <paramref name="ips"/> addresses from 127.0.0.1 and
    /// <paramref name="ports"/> ports from the first target's. The rate is all their connections over
    /// the slowest one's time (they start together), as ConnStorm's is over its workers'.
    /// </summary>
    public static Figures Run(string rawconnect, Scenario scenario, int window, int ips = 1, int ports = 1, int processes = 1, int sinks = 1)
    {
        var inv = CultureInfo.InvariantCulture;
        var target = scenario.Targets[0];
        using var experiment = Experiment.Start(scenario, workers: 0, sinks: Math.Max(1, sinks), fdCap: null, CancellationToken.None);
        long total = scenario.Load.Connections;
        var started = new List<Process>();
        try
        {
            for (int i = 0; i < processes; i++)
            {
                long share = total / processes + (i < total % processes ? 1 : 0);
                var psi = experiment.Lab!.StartInfo(rawconnect,
                [
                    share.ToString(inv), ips.ToString(inv), target.Port.ToString(inv), ports.ToString(inv), window.ToString(inv),
                ]);
                psi.RedirectStandardOutput = true;
                psi.RedirectStandardError = true;
                started.Add(Process.Start(psi)!);
            }
            var each = started.Select(p => (Output: p.StandardOutput.ReadToEndAsync(), Process: p)).ToList();
            var figures = new List<Figures>();
            foreach (var (outputTask, p) in each)
            {
                if (!p.WaitForExit(TimeSpan.FromMinutes(2)))
                {
                    throw new TimeoutException("rawconnect did not finish in 2 minutes");
                }
                string output = outputTask.GetAwaiter().GetResult();
                var m = Line().Match(output);
                if (!m.Success)
                {
                    throw new InvalidOperationException($"rawconnect printed no figures: {output}{p.StandardError.ReadToEnd()}");
                }
                figures.Add(new Figures(
                    long.Parse(m.Groups["ok"].Value, inv),
                    long.Parse(m.Groups["failed"].Value, inv),
                    double.Parse(m.Groups["seconds"].Value, inv),
                    double.Parse(m.Groups["rate"].Value, inv),
                    m.Groups["errno"].Value));
            }
            long ok = figures.Sum(f => f.Established);
            double slowest = figures.Max(f => f.Seconds);
            return new Figures(ok, figures.Sum(f => f.Failed), slowest, slowest > 0 ? ok / slowest : 0,
                figures.Select(f => f.FirstErrno).FirstOrDefault(e => e != "none") ?? "none");
        }
        finally
        {
            foreach (var p in started)
            {
                if (!p.HasExited)
                {
                    p.Kill(entireProcessTree: true);
                }
                p.Dispose();
            }
        }
    }

    [GeneratedRegex(@"established=(?<ok>\d+) failed=(?<failed>\d+) seconds=(?<seconds>[\d.]+) rate_per_s=(?<rate>[\d.]+) first_errno=(?<errno>\S+)")]
    private static partial Regex Line();
}
