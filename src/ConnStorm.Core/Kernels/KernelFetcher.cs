using System.Diagnostics;
using System.Runtime.Versioning;
using ConnStorm.Platform;

namespace ConnStorm.Kernels;

/// <summary>
/// `connstorm kernels fetch 6.1 6.12`: downloads the newest Debian cloud kernel of each version with
/// apt-get download (no install: the host's own kernel and /boot are left alone) and extracts its
/// vmlinuz into the kernels folder.
/// </summary>
[SupportedOSPlatform("linux")]
public static class KernelFetcher
{
    public const string DefaultDir = "kernels";

    private static readonly TimeSpan AptCacheTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan DownloadTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ExtractTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The cloud kernel packages the host's apt knows about.</summary>
    public static IReadOnlyList<CloudKernelPackage> Available()
    {
        var search = ProcessRunner.Run("apt-cache", ["search", "--names-only", @"^linux-image-.*-cloud-amd64$"], AptCacheTimeout);
        if (!search.Succeeded)
        {
            throw new KernelException($"apt-cache search failed{(search.TimedOut ? " (timed out)" : "")}: {HostPackages.Last(search.StdErr)}");
        }
        return CloudKernelPackages.Parse(search.StdOut);
    }

    /// <summary>Fetches one kernel per version prefix; returns the vmlinuz paths in the same order.</summary>
    public static IReadOnlyList<string> Fetch(IReadOnlyList<string> versions, string dir, TextWriter log)
    {
        var available = Available();
        var chosen = new List<CloudKernelPackage>();
        foreach (string version in versions)
        {
            var package = CloudKernelPackages.Newest(available, version);
            if (package is null)
            {
                string known = available.Count == 0
                    ? "apt knows no cloud kernel packages at all (run apt-get update?)"
                    : "known versions: " + string.Join(", ", available.Select(p => p.Version).Distinct().Order());
                throw new KernelException($"no Debian cloud kernel package (linux-image-{version}*-cloud-amd64) matches {version}; {known}");
            }
            chosen.Add(package);
        }
        return chosen.Select(p => FetchOne(p, Path.GetFullPath(dir), log)).ToList();
    }

    private static string FetchOne(CloudKernelPackage package, string dir, TextWriter log)
    {
        string kernelDir = Path.Combine(dir, package.Release);
        string vmlinuz = Path.Combine(kernelDir, "vmlinuz-" + package.Release);
        if (File.Exists(vmlinuz))
        {
            return vmlinuz;
        }
        string debs = Path.Combine(dir, ".debs");
        Directory.CreateDirectory(debs);
        string? deb = FindDeb(debs, package.Name);
        if (deb is null)
        {
            log.WriteLine($"connstorm: downloading {package.Name}");
            var psi = new ProcessStartInfo("apt-get") { WorkingDirectory = debs };
            // As root apt drops to the _apt user, who may not be able to write here; it would
            // fall back with a warning, so ask for that directly.
            foreach (string a in new[] { "-o", "APT::Sandbox::User=root", "download", package.Name })
            {
                psi.ArgumentList.Add(a);
            }
            var download = ProcessRunner.Run(psi, DownloadTimeout);
            deb = FindDeb(debs, package.Name);
            if (!download.Succeeded || deb is null)
            {
                throw new KernelException($"apt-get download {package.Name} failed{(download.TimedOut ? " (timed out)" : "")}: {HostPackages.Last(download.StdErr + download.StdOut)}");
            }
        }

        string staging = Path.Combine(dir, ".extract-" + package.Release);
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }
        try
        {
            var extract = ProcessRunner.Run("dpkg-deb", ["-x", deb, staging], ExtractTimeout);
            string? found = Directory.Exists(Path.Combine(staging, "boot"))
                ? Directory.EnumerateFiles(Path.Combine(staging, "boot"), "vmlinuz-*").FirstOrDefault()
                : null;
            if (!extract.Succeeded || found is null)
            {
                throw new KernelException($"dpkg-deb -x {deb} gave no boot/vmlinuz-*: {HostPackages.Last(extract.StdErr)}");
            }
            Directory.CreateDirectory(kernelDir);
            File.Move(found, vmlinuz, overwrite: true);
            // The config is small and says what the kernel was built with (useful when a probe differs).
            foreach (string config in Directory.EnumerateFiles(Path.Combine(staging, "boot"), "config-*"))
            {
                File.Move(config, Path.Combine(kernelDir, Path.GetFileName(config)), overwrite: true);
            }
            return vmlinuz;
        }
        finally
        {
            // The modules (~90 MB) are not needed: the VM runs from the initramfs alone.
            Directory.Delete(staging, recursive: true);
        }
    }

    private static string? FindDeb(string dir, string package) =>
        Directory.EnumerateFiles(dir, package + "_*.deb").Order(StringComparer.Ordinal).LastOrDefault();

    /// <summary>The kernel release of a vmlinuz named as Debian names it ("vmlinuz-6.1.0-56-cloud-amd64"), else null.</summary>
    public static string? ReleaseFromFileName(string vmlinuz)
    {
        string name = Path.GetFileName(vmlinuz);
        return name.StartsWith("vmlinuz-", StringComparison.Ordinal) && name.Length > "vmlinuz-".Length ? name["vmlinuz-".Length..] : null;
    }
}
