using System.CommandLine;
using System.Runtime.Versioning;
using ConnStorm.Kernels;

namespace ConnStorm.Cli;

/// <summary>The `probe --kernel` options: other kernels, each booted in a qemu micro-VM that runs the catalogue in place.</summary>
[SupportedOSPlatform("linux")]
public static class ProbeKernelOptions
{
    public const string DefaultOut = "results/kernels";

    /// <summary>Less than this and a micro-VM cannot even boot: a shorter timeout would only produce failures.</summary>
    public const int MinVmTimeoutSeconds = 30;

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

    public static readonly Option<int> VmTimeout = new Option<int>("--vm-timeout")
    {
        Description = $"With --kernel: seconds each micro-VM may run before qemu is killed, at least {MinVmTimeoutSeconds}.",
        HelpName = "SECONDS",
        DefaultValueFactory = _ => (int)MicroVm.DefaultTimeout.TotalSeconds,
    }.AtLeast(MinVmTimeoutSeconds, "a micro-VM needs that long to boot");

    public static IReadOnlyList<Option> All => [Kernel, WithHost, VmTimeout];
}
