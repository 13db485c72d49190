using System.CommandLine;
using ConnStorm.Exporters;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using ConnStorm.Kernels;
using ConnStorm.Lab;
using ConnStorm.Probes;
using ConnStorm.Results;
using ConnStorm.Errors;

namespace ConnStorm.Cli;

/// <summary>
/// <c>connstorm probe [--only NAME ...] [--out DIR] [--in-place]</c>: the probe catalogue on the
/// running kernel; and the hidden <c>connstorm probe-run NAME</c> that runs one probe inside its lab.
/// </summary>
[SupportedOSPlatform("linux")]
internal static class ProbeCommand
{
    private static readonly Option<string[]> OnlyOption = new("--only")
    {
        Description = $"Run only these probes (repeatable). Default: all of them: {string.Join(", ", ProbeCatalogue.All.Select(p => p.Name))}.",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = true,
        DefaultValueFactory = _ => [],
        HelpName = "NAME",
    };

    private static readonly Option<string?> OutOption = new("--out", "-o")
    {
        Description = "Write results into exactly this folder. Default: results/probes/<UTC timestamp>/.",
        HelpName = "DIR",
    };

    private static readonly Option<bool> InPlaceOption = new("--in-place")
    {
        Description = "Run every probe in this process instead of a network namespace each: for inside ConnStorm's micro-VM (the VM is the lab) or a namespace of your own; refused in the host namespace. Default: false.",
    };

    private static readonly Option<int> TimeoutOption = new("--probe-timeout")
    {
        Description = "Seconds one probe may take before it is stopped and recorded as failed.",
        DefaultValueFactory = _ => 60,
    };

    public static Command Create()
    {
        var command = new Command("probe", "Run the kernel probes: port choice, bind rules, TIME_WAIT, measured on the running kernel (or, with --kernel, on other kernels booted in micro-VMs); write probes.json, probes.md and plots.")
        {
            OnlyOption, OutOption, InPlaceOption, TimeoutOption,
        };
        foreach (var option in ProbeKernelOptions.All)
        {
            command.Add(option);
        }
        command.SetAction(Execute);
        return command;
    }

    public static Command CreateProbeRun()
    {
        var name = new Argument<string>("name") { Description = "The probe to run." };
        var command = new Command("probe-run", "Internal: run one probe in this process and print its cases (started inside a lab by `connstorm probe`).")
        {
            name,
        };
        command.Hidden = true;
        command.SetAction(parse =>
        {
            var probe = ProbeCatalogue.Find(parse.GetRequiredValue(name));
            if (probe is null)
            {
                Console.Error.WriteLine($"connstorm probe-run: no probe named {parse.GetRequiredValue(name)}");
                return ExitCodes.BadInput;
            }
            return ProbeHost.Run(probe, Console.Out);
        });
        return command;
    }

    private static int Execute(ParseResult parse)
    {
        // Other kernels: each booted in a micro-VM that runs this same catalogue in place.
        if (ProbeKernelOptions.Requested(parse))
        {
            return ProbeKernelOptions.Execute(parse, parse.GetValue(OutOption));
        }
        var (probes, unknown) = ProbeCatalogue.Select(parse.GetValue(OnlyOption) ?? []);
        if (unknown.Count > 0)
        {
            Console.Error.WriteLine($"connstorm probe: unknown probe(s): {string.Join(", ", unknown)}; known: {string.Join(", ", ProbeCatalogue.All.Select(p => p.Name))}");
            return ExitCodes.BadInput;
        }
        bool inPlace = parse.GetValue(InPlaceOption);
        if (inPlace && InPlaceGuard.WhyNot() is { } refused)
        {
            Console.Error.WriteLine($"connstorm probe: {refused}");
            return ExitCodes.EnvironmentCannotRun;
        }
        if (!inPlace && LabRequirements.WhatIsMissing() is { } missing)
        {
            Console.Error.WriteLine($"connstorm probe: {missing}");
            return ExitCodes.EnvironmentCannotRun;
        }
        if (!inPlace)
        {
            foreach (string stale in LabJanitor.RemoveStale())
            {
                Console.WriteLine($"removed a namespace left by an earlier run: {stale}");
            }
        }

        using var interrupt = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; interrupt.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; interrupt.Cancel(); });

        string dir = ResultsFolder.Resolve(parse.GetValue(OutOption), "probes", DateTime.UtcNow, Path.Combine(Directory.GetCurrentDirectory(), "results"));
        Console.WriteLine($"probing Linux {SystemFacts.KernelRelease()}: {probes.Count} probe(s){(inPlace ? " in this process" : ", each in a network namespace of its own")}");
        var runner = new ProbeRunner(Console.Out, inPlace, TimeSpan.FromSeconds(parse.GetValue(TimeoutOption)));
        var doc = runner.Run(probes, interrupt.Token);
        ProbeResults.Write(dir, doc, runner.Sysctls, interrupt.IsCancellationRequested, () =>
        {
            var exported = ExportRun.All(ExporterSet.Default(), ResultsModel.Open(dir));
            foreach (var failed in exported.Errors)
            {
                Console.Error.WriteLine($"connstorm probe: {failed}");
            }
            return exported.Files;
        });
        Console.WriteLine($"{doc.Cases.Count} case(s), {doc.Claims.Count} claim(s); results: {dir}");
        return interrupt.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.Ran;
    }
}
