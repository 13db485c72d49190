using ConnStorm.Tests.TestSupport;

namespace ConnStorm.Tests.Cli;

/// <summary>`connstorm worker` is the same exe as the commands that plot: it must never load the plotting libraries.</summary>
public sealed class WorkerLoadsNoPlotsTests
{
    [StraceFact]
    public void The_worker_opens_no_ScottPlot_SkiaSharp_or_plots_assembly()
    {
        var trace = Path.Combine(Path.GetTempPath(), $"connstorm-worker-{Guid.NewGuid():N}.trace");
        try
        {
            var psi = ConnStormCli.StartInfoUnder(StraceFactAttribute.Path!, ["-f", "-e", "trace=openat", "-o", trace], "worker");
            psi.RedirectStandardInput = true;

            var result = ConnStormCli.Run(psi, TimeSpan.FromSeconds(60), (p, _) => p.StandardInput.Close());

            // Without a plan on stdin the worker stops at once (exit 2), after loading what it needs.
            Assert.True(result.ExitCode == 2, result.Stdout + result.Stderr);
            var opened = File.ReadAllLines(trace).Where(l => !l.Contains("ENOENT", StringComparison.Ordinal)).ToList();
            Assert.Contains(opened, l => l.Contains("ConnStorm.Core.dll", StringComparison.Ordinal));
            Assert.DoesNotContain(opened, l => l.Contains("ScottPlot", StringComparison.Ordinal) || l.Contains("SkiaSharp", StringComparison.Ordinal) || l.Contains("ConnStorm.Plots", StringComparison.Ordinal));
            // Connect latency histograms live in the parent (RunRecorder): the worker only streams connect_us.
            Assert.DoesNotContain(opened, l => l.Contains("HdrHistogram", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(trace);
        }
    }
}
