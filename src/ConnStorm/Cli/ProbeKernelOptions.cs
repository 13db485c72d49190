using System.CommandLine;
using System.Runtime.Versioning;
using ConnStorm.Errors;
using ConnStorm.Kernels;

namespace ConnStorm.Cli;

/// <summary>
/// The `probe --kernel` options. INTEGRATOR: add <see cref="All"/> to the probe command and, first
/// thing in its action, <c>if (ProbeKernelOptions.Requested(parse)) return ProbeKernelOptions.Execute(parse, outDir);</c>.
/// <see cref="CreateCommand"/> is the same as a complete stand-alone command, for use until then.
/// </summary>
[SupportedOSPlatform("linux")]
public static class ProbeKernelOptions
{
    public const string DefaultOut = "results/kernels";

    public static readonly Option<string[]> Kernel = new("--kernel")
    {
        Description = "Probe this kernel image (vmlinuz) in a qemu micro-VM instead of the running kernel (repeatable). Default: none, the running kernel is probed.",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
        HelpName = "VMLINUZ",
        DefaultValueFactory = _ => [],
    };

    public static readonly Option<bool> WithHost = new("--with-host")
    {
        Description = "With --kernel: also probe the running kernel, into OUT/host-<release>/. Default: false.",
    };

    public static readonly Option<int> VmTimeout = new("--vm-timeout")
    {
        Description = $"With --kernel: seconds each micro-VM may run before qemu is killed.",
        HelpName = "SECONDS",
        DefaultValueFactory = _ => (int)MicroVm.DefaultTimeout.TotalSeconds,
    };

    public static IReadOnlyList<Option> All => [Kernel, WithHost, VmTimeout];

    public static bool Requested(ParseResult parse) => (parse.GetValue(Kernel) ?? []).Length > 0;

    /// <summary>`connstorm probe --kernel ... [--with-host] [--out DIR]`; returns the exit code.</summary>
    public static int Execute(ParseResult parse, string? outDir) =>
        Execute(new KernelProbeOptions
        {
            Kernels = parse.GetValue(Kernel) ?? [],
            OutDir = Path.GetFullPath(outDir ?? DefaultOut),
            WithHost = parse.GetValue(WithHost),
            VmTimeout = TimeSpan.FromSeconds(Math.Max(30, parse.GetValue(VmTimeout))),
            Exporters = ExporterSet.Default(),
        }, Console.Out, Console.Error);

    internal static int Execute(KernelProbeOptions options, TextWriter output, TextWriter error)
    {
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

    /// <summary>A stand-alone `probe` command carrying only the --kernel path (until the catalogue's probe command takes these options).</summary>
    public static Command CreateCommand()
    {
        var outOption = new Option<string?>("--out", "-o")
        {
            Description = $"Results folder, one subfolder per kernel release. Default: {DefaultOut}.",
            HelpName = "DIR",
        };
        var command = new Command("probe", "Probe Linux kernels' TCP port rules; with --kernel, each kernel in its own qemu micro-VM.") { outOption };
        foreach (var option in All)
        {
            command.Options.Add(option);
        }
        command.SetAction(parse =>
        {
            if (!Requested(parse))
            {
                Console.Error.WriteLine("connstorm probe: give at least one --kernel VMLINUZ (the in-place catalogue is not in this build)");
                return ExitCodes.BadInput;
            }
            return Execute(parse, parse.GetValue(outOption));
        });
        return command;
    }
}
