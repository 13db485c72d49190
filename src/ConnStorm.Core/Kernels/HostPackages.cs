using System.Runtime.Versioning;
using ConnStorm.Platform;

namespace ConnStorm.Kernels;

/// <summary>
/// The Debian packages the micro-VM path needs (qemu-system-x86, busybox-static), installed with
/// apt-get when missing, from the code path that needs them, saying so on stderr.
/// </summary>
[SupportedOSPlatform("linux")]
public static class HostPackages
{
    public const string Qemu = "qemu-system-x86";
    public const string BusyboxStatic = "busybox-static";

    public const string QemuBinary = "qemu-system-x86_64";
    /// <summary>busybox-static installs its statically linked busybox here (it replaces the dynamic one).</summary>
    public const string BusyboxBinary = "/bin/busybox";

    private static bool _updated;

    /// <summary>Makes sure the package is installed; throws <see cref="KernelException"/> with the reason when it cannot be.</summary>
    public static void Ensure(string package, TextWriter log)
    {
        if (IsInstalled(package))
        {
            return;
        }
        if (ConnStorm.Lab.LabRequirements.EffectiveUserId() != 0)
        {
            throw new KernelException($"the Debian package {package} is missing; install it with: sudo apt-get install {package}");
        }
        log.WriteLine($"connstorm: installing the Debian package {package} (apt-get install {package})");
        if (!_updated)
        {
            // A fresh container has no package lists; a stale one may name versions gone from the mirror.
            AptGet(["update", "-qq"], TimeSpan.FromMinutes(3));
            _updated = true;
        }
        var install = AptGet(["install", "-y", "-qq", "--no-install-recommends", package], TimeSpan.FromMinutes(10));
        if (!install.Succeeded || !IsInstalled(package))
        {
            throw new KernelException($"could not install {package}: {Last(install.StdErr + install.StdOut)}");
        }
    }

    public static bool IsInstalled(string package)
    {
        var status = ProcessRunner.Run("dpkg-query", ["-W", "-f=${Status}", package], TimeSpan.FromSeconds(30));
        return status.Succeeded && status.StdOut.Contains("install ok installed", StringComparison.Ordinal);
    }

    private static ProcessResult AptGet(IEnumerable<string> args, TimeSpan timeout)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("apt-get");
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        return ProcessRunner.Run(psi, timeout);
    }

    internal static string Last(string text, int lines = 5) =>
        string.Join(" / ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(lines));
}

/// <summary>A kernel, VM or packaging step that failed, with a message meant for the user.</summary>
public sealed class KernelException(string message) : Exception(message);
