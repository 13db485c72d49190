using System.Runtime.Versioning;
using ConnStorm.Errors;
using ConnStorm.Kernels;
using ConnStorm.Lab;
using ConnStorm.Platform;
using ConnStorm.Probes;
using ConnStorm.Results;

namespace ConnStorm.Cli;

/// <summary>
/// `connstorm probe`, its options parsed: the catalogue on the running kernel (each probe in a lab,
/// or in place), or with <see cref="Kernels"/> on other kernels booted in micro-VMs.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed record ProbeHandler(IReadOnlyList<string> Only, string? OutDir, bool InPlace, TimeSpan PerProbe,
    IReadOnlyList<string> Kernels, bool WithHost, TimeSpan VmTimeout)
{
    public int Run(TextWriter output, TextWriter error)
    {
        if (Kernels.Count > 0)
        {
            return RunOnOtherKernels(output, error);
        }
        var (probes, unknown) = ProbeCatalogue.Select(Only);
        if (unknown.Count > 0)
        {
            error.WriteLine($"connstorm probe: unknown probe(s): {string.Join(", ", unknown)}; known: {string.Join(", ", ProbeCatalogue.All.Select(p => p.Name))}");
            return ExitCodes.BadInput;
        }
        if (InPlace && InPlaceGuard.WhyNot() is { } refused)
        {
            error.WriteLine($"connstorm probe: {refused}");
            return ExitCodes.EnvironmentCannotRun;
        }
        if (!InPlace && LabRequirements.WhatIsMissing() is { } missing)
        {
            error.WriteLine($"connstorm probe: {missing}");
            return ExitCodes.EnvironmentCannotRun;
        }
        if (!InPlace)
        {
            foreach (string stale in LabJanitor.RemoveStale())
            {
                output.WriteLine($"removed a namespace left by an earlier run: {stale}");
            }
        }

        string dir = ResultsFolder.Resolve(OutDir, "probes", DateTime.UtcNow, Path.Combine(Directory.GetCurrentDirectory(), "results"));
        using var signals = ShutdownSignals.Listen();
        output.WriteLine($"probing Linux {SystemFacts.KernelRelease()}: {probes.Count} probe(s){(InPlace ? " in this process" : ", each in a network namespace of its own")}");
        var runner = new ProbeRunner(output, InPlace, PerProbe);
        var doc = runner.Run(probes, signals.Token);
        ResultsWriteException.Guard(dir, () => ProbeResults.Write(dir, doc, runner.Sysctls, signals.Requested));
        // In a micro-VM the host writes the views from the probes.json sent back (the guest's single
        // file has no plotting native library); everywhere else the folder gets them now.
        if (!InPlace)
        {
            ExporterSet.Run(ExporterSet.Default(), dir, TextWriter.Null, error, "probe");
        }
        output.WriteLine($"{doc.Cases.Count} case(s), {doc.Claims.Count} claim(s); results: {dir}");
        return signals.Requested ? ExitCodes.Interrupted : ExitCodes.Ran;
    }

    private int RunOnOtherKernels(TextWriter output, TextWriter error)
    {
        var options = new KernelProbeOptions
        {
            Kernels = Kernels,
            OutDir = Path.GetFullPath(OutDir ?? ProbeKernelOptions.DefaultOut),
            WithHost = WithHost,
            VmTimeout = VmTimeout,
            Exporters = ExporterSet.Default(),
        };
        try
        {
            var results = KernelProbeRun.Run(options, output, error);
            return results.All(r => r.Failure is null) ? ExitCodes.Ran : ExitCodes.InternalError;
        }
        catch (KernelException e)
        {
            error.WriteLine($"connstorm probe: {e.Message}");
            return ExitCodes.EnvironmentCannotRun;
        }
    }
}
