using System.Globalization;
using System.Text.RegularExpressions;

namespace ConnStorm.Kernels;

/// <summary>A Debian cloud kernel image package, e.g. linux-image-6.1.0-56-cloud-amd64 (release 6.1.0-56-cloud-amd64).</summary>
public sealed record CloudKernelPackage(string Name, string Release, string Version);

/// <summary>
/// Picks the newest Debian cloud kernel for a version prefix ("6.1", "6.12") out of
/// `apt-cache search` output. Cloud kernels because they boot in about 2 s under TCG: no
/// initramfs-time module loading, the virtio and serial drivers built in.
/// </summary>
public static partial class CloudKernelPackages
{
    /// <summary>Every concrete cloud image package in `apt-cache search` output (no meta, -dbg or -unsigned packages).</summary>
    public static IReadOnlyList<CloudKernelPackage> Parse(string aptCacheSearch)
    {
        var found = new List<CloudKernelPackage>();
        foreach (string line in aptCacheSearch.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string name = line.Split(' ', 2)[0];
            var m = PackageName().Match(name);
            if (m.Success && found.All(p => p.Name != name))
            {
                found.Add(new CloudKernelPackage(name, m.Groups["release"].Value, m.Groups["version"].Value));
            }
        }
        return found;
    }

    /// <summary>The newest package whose kernel version is the prefix or starts with it and a dot ("6.1" takes 6.1.0, never 6.12).</summary>
    public static CloudKernelPackage? Newest(IEnumerable<CloudKernelPackage> packages, string versionPrefix)
    {
        string prefix = versionPrefix.Trim().TrimEnd('.');
        return packages
            .Where(p => p.Version == prefix || p.Version.StartsWith(prefix + ".", StringComparison.Ordinal))
            .OrderByDescending(p => p.Release, Comparer<string>.Create(CompareReleases))
            .FirstOrDefault();
    }

    /// <summary>Compares "6.1.0-56-cloud-amd64" with "6.1.0-9-cloud-amd64" by their numbers (56 &gt; 9), not as text.</summary>
    public static int CompareReleases(string a, string b)
    {
        var x = Numbers(a);
        var y = Numbers(b);
        for (int i = 0; i < Math.Min(x.Count, y.Count); i++)
        {
            int c = x[i].CompareTo(y[i]);
            if (c != 0)
            {
                return c;
            }
        }
        return x.Count != y.Count ? x.Count.CompareTo(y.Count) : string.CompareOrdinal(a, b);
    }

    private static List<long> Numbers(string s) =>
        Digits().Matches(s).Select(m => long.Parse(m.Value, CultureInfo.InvariantCulture)).ToList();

    // linux-image-6.1.0-56-cloud-amd64, linux-image-6.12.117+deb12-cloud-amd64, linux-image-6.12.9+bpo-cloud-amd64.
    // The version needs three parts: linux-image-6.12-cloud-amd64 is a meta package.
    [GeneratedRegex(@"^linux-image-(?<release>(?<version>\d+\.\d+\.\d+)[-+][A-Za-z0-9.+~-]*-cloud-amd64)$")]
    private static partial Regex PackageName();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
