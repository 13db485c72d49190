using ConnStorm.Tests.TestSupport;

namespace ConnStorm.Tests.Cli;

/// <summary>
/// connstorm-worker is compiled ahead of time: it must open no managed assembly and no JIT runtime at all,
/// which is what keeps a run's ~100 worker processes small.
/// </summary>
public sealed class AotWorkerLoadsNoAssembliesTests
{
    [AotWorkerFact(strace: true)]
    public void The_aot_worker_opens_no_dll_and_no_coreclr()
    {
        var trace = Path.Combine(Path.GetTempPath(), $"connstorm-aot-worker-{Guid.NewGuid():N}.trace");
        try
        {
            var psi = new System.Diagnostics.ProcessStartInfo(StraceFactAttribute.Path!)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (string a in new[] { "-f", "-e", "trace=openat,execve", "-o", trace, AotWorkerFactAttribute.BinaryPath, "worker" })
            {
                psi.ArgumentList.Add(a);
            }

            var result = ConnStormCli.Run(psi, TimeSpan.FromSeconds(60), (p, _) => p.StandardInput.Close());

            // Without a plan on stdin the worker stops at once (exit 2), after loading what it needs.
            Assert.True(result.ExitCode == 2, result.Stdout + result.Stderr);
            Assert.Contains("no plan on stdin", result.Stdout);
            var lines = File.ReadAllLines(trace);
            Assert.Contains(lines, l => l.Contains("execve(", StringComparison.Ordinal) && l.Contains("connstorm-worker", StringComparison.Ordinal));
            var opened = lines.Where(l => l.Contains("openat(", StringComparison.Ordinal) && !l.Contains("ENOENT", StringComparison.Ordinal)).ToList();
            Assert.DoesNotContain(opened, l => l.Contains(".dll\"", StringComparison.Ordinal) || l.Contains("libcoreclr", StringComparison.Ordinal) || l.Contains("libclrjit", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(trace);
        }
    }
}
