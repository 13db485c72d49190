using System.Diagnostics;
using System.Text.Json;
using ConnStorm.Kernels;
using Xunit.Abstractions;

namespace ConnStorm.Tests.Kernels;

public sealed class MicroVmEndToEndTests(ITestOutputHelper output)
{
    [VmFact]
    public void A_6_1_cloud_kernel_boots_runs_the_published_connstorm_and_brings_probes_json_back()
    {
        using var dir = new TempDir();
        var started = DateTime.Now;
        var clock = Stopwatch.StartNew();
        var log = new StringWriter();
        string kernel = KernelFetcher.Fetch(["6.1"], Path.Combine(KernelProbeOptions.DefaultCacheDir(), "kernels"), log).Single();
        var fetched = clock.Elapsed;

        // --version until the catalogue exists: the init script's stand-in then writes probes.json.
        var options = new KernelProbeOptions { Kernels = [kernel], OutDir = dir.Path, GuestArgs = ["--version"] };
        var stdout = new StringWriter();
        var results = KernelProbeRun.Run(options, stdout, log);
        clock.Stop();
        output.WriteLine(log.ToString());

        var result = Assert.Single(results);
        Assert.True(result.Failure is null, result.Failure);
        Assert.StartsWith("6.1.", result.Release);
        string probes = Path.Combine(dir.Path, result.Release!, KernelProbeRun.ProbesFile);
        using var json = JsonDocument.Parse(File.ReadAllText(probes));
        Assert.Equal(result.Release, json.RootElement.GetProperty("kernel_release").GetString());
        Assert.Equal(0, result.Boot!.Reading.GuestExitCode);
        Assert.Contains("0.1.0", json.RootElement.GetProperty("connstorm_output").GetString());
        output.WriteLine($"fetch {fetched.TotalSeconds:0.0} s; {KernelProbeRun.Timings(result.Boot)}; whole test {clock.Elapsed.TotalSeconds:0.0} s");
        // No qemu of ours is left behind (others' may run in parallel: only those started since this test).
        Assert.DoesNotContain(Process.GetProcessesByName("qemu-system-x86_64"), p => p.StartTime > started);
    }

    [VmFact]
    public void Two_kernels_6_1_and_6_12_are_laid_out_one_folder_per_release()
    {
        using var dir = new TempDir();
        var log = new StringWriter();
        var kernels = KernelFetcher.Fetch(["6.1", "6.12"], Path.Combine(KernelProbeOptions.DefaultCacheDir(), "kernels"), log);

        var results = KernelProbeRun.Run(new KernelProbeOptions { Kernels = kernels, OutDir = dir.Path, GuestArgs = ["--version"] }, new StringWriter(), log);
        output.WriteLine(log.ToString());

        Assert.All(results, r => Assert.True(r.Failure is null, r.Failure));
        var folders = Directory.GetDirectories(dir.Path).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(2, folders.Count);
        Assert.StartsWith("6.1.0-", folders[0]);
        Assert.StartsWith("6.12.", folders[1]);
        Assert.All(folders, f => Assert.True(File.Exists(Path.Combine(dir.Path, f!, KernelProbeRun.ProbesFile))));
    }
}
