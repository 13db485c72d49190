using System.CommandLine;
using System.Runtime.Versioning;
using ConnStorm.Probes;

namespace ConnStorm.Cli;

/// <summary>
/// <c>connstorm probe [--only NAME ...] [--out DIR] [--in-place]</c>: the probe catalogue on the
/// running kernel (or other kernels with --kernel); and the hidden <c>connstorm probe-run NAME</c>
/// that runs one probe inside its lab.
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
        Description = $"Write results into exactly this folder. Default: results/probes/<UTC timestamp>/ ({ProbeKernelOptions.DefaultOut} with --kernel).",
        HelpName = "DIR",
    };

    private static readonly Option<bool> InPlaceOption = new("--in-place")
    {
        Description = "Run every probe in this process instead of a network namespace each: for inside ConnStorm's micro-VM (the VM is the lab) or a namespace of your own; refused in the host namespace. Default: false.",
    };

    private static readonly Option<int> TimeoutOption = new Option<int>("--probe-timeout")
    {
        Description = "Seconds one probe may take before it is stopped and recorded as failed, at least 1.",
        DefaultValueFactory = _ => 60,
        HelpName = "SECONDS",
    }.AtLeast(1);

    private static readonly Argument<string> ProbeNameArgument = new("name") { Description = "The probe to run." };

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
        command.SetAction(parse => HandlerGuard.Run("connstorm probe", () => new ProbeHandler(
            parse.GetValue(OnlyOption) ?? [],
            parse.GetValue(OutOption),
            parse.GetValue(InPlaceOption),
            TimeSpan.FromSeconds(parse.GetValue(TimeoutOption)),
            parse.GetValue(ProbeKernelOptions.Kernel) ?? [],
            parse.GetValue(ProbeKernelOptions.WithHost),
            TimeSpan.FromSeconds(parse.GetValue(ProbeKernelOptions.VmTimeout))).Run(Console.Out, Console.Error)));
        return command;
    }

    public static Command CreateProbeRun()
    {
        var command = new Command("probe-run", "Internal: run one probe in this process and print its cases (started inside a lab by `connstorm probe`).")
        {
            ProbeNameArgument,
        };
        command.Hidden = true;
        command.SetAction(parse => HandlerGuard.Run("connstorm probe-run",
            () => new ProbeRunHandler(parse.GetRequiredValue(ProbeNameArgument)).Run(Console.Out, Console.Error)));
        return command;
    }
}
