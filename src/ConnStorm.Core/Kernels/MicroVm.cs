using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using ConnStorm.Platform;

namespace ConnStorm.Kernels;

/// <summary>One boot of a micro-VM: what came back and how long the stages took.</summary>
public sealed record VmBoot(
    string Kernel,
    ConsoleReading Reading,
    string Console,
    TimeSpan Wall,
    double? GuestStartSeconds,
    double? GuestDoneSeconds,
    bool TimedOut,
    int QemuExitCode)
{
    public bool Succeeded => Reading.Succeeded && !TimedOut;

    /// <summary>Why the boot gave no result, for the user; null when it did.</summary>
    public string? Failure => TimedOut
        ? $"timed out after {Wall.TotalSeconds:0} s (qemu was killed){(Reading.PanicLine is { } p ? "; kernel panic: " + p : "")}; last {ConsolePayload.TailLines} console lines:\n{ConsolePayload.Tail(Console)}"
        : Reading.Failure;
}

/// <summary>
/// Boots a kernel under qemu's software emulation (TCG: KVM here cannot boot stock kernels) with an
/// initramfs, reads the serial console to the end, and never leaves qemu behind: it runs under a
/// hard timeout and is killed with its process tree when it passes it.
/// </summary>
[SupportedOSPlatform("linux")]
public static class MicroVm
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(240);

    public static VmBoot Boot(string kernel, string initramfs, TimeSpan timeout, TextWriter log)
    {
        HostPackages.Ensure(HostPackages.Qemu, log);
        var psi = new ProcessStartInfo(HostPackages.QemuBinary);
        foreach (string a in Arguments(kernel, initramfs))
        {
            psi.ArgumentList.Add(a);
        }
        var clock = Stopwatch.StartNew();
        var run = ProcessRunner.Run(psi, timeout);
        clock.Stop();
        if (run.ExitCode == ProcessRunner.CouldNotStart)
        {
            throw new KernelException($"could not start {HostPackages.QemuBinary}: {run.StdErr}");
        }
        string console = run.StdOut;
        var reading = ConsolePayload.Extract(console);
        if (reading.Payload is null && !run.TimedOut && run.ExitCode != 0 && run.StdErr.Trim().Length > 0)
        {
            // qemu itself refused (bad kernel file, no memory): its own words say more than the empty console.
            reading = reading with { Failure = $"qemu exited {run.ExitCode}: {HostPackages.Last(run.StdErr)}" };
        }
        return new VmBoot(kernel, reading, console, clock.Elapsed,
            Uptime(console, "GUEST-START"), Uptime(console, "GUEST-DONE"), run.TimedOut, run.ExitCode);
    }

    /// <summary>The qemu command line: q35, TCG, 1 GiB, one CPU, serial console on stdout, nothing else.</summary>
    public static IReadOnlyList<string> Arguments(string kernel, string initramfs) =>
    [
        "-machine", "q35", "-accel", "tcg", "-cpu", "max", "-m", "1024", "-smp", "1",
        // -nodefaults drops the VGA card, NIC and the rest: less to emulate, faster to boot.
        "-nodefaults", "-no-user-config", "-display", "none", "-serial", "stdio",
        "-kernel", kernel, "-initrd", initramfs,
        // panic=-1 reboots at once on a panic and -no-reboot turns that reboot into qemu exiting.
        // connstorm.vm=1 tells `probe --in-place` it runs in a disposable VM, where it may set sysctls.
        "-append", "console=ttyS0 quiet loglevel=3 panic=-1 rdinit=/init connstorm.vm=1",
        "-no-reboot",
    ];

    /// <summary>The guest uptime printed on a "=====CONNSTORM-NAME seconds=====" line.</summary>
    private static double? Uptime(string console, string name)
    {
        var m = Regex.Match(console, "=====CONNSTORM-" + name + @" (?<s>\d+(?:\.\d+)?)=====");
        return m.Success ? double.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture) : null;
    }
}
