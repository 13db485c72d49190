using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using ConnStorm.Platform;

namespace ConnStorm.Kernels;

/// <summary>
/// The shared libraries a host binary loads (libc, libstdc++, libgcc_s, libm, the loader), as
/// `ldd` lists them: the published connstorm is self-contained for .NET, not for glibc.
/// </summary>
[SupportedOSPlatform("linux")]
public static partial class SharedLibraries
{
    public static IReadOnlyList<string> Of(string binary)
    {
        var ldd = ProcessRunner.Run("ldd", [binary], TimeSpan.FromSeconds(30));
        if (!ldd.Succeeded)
        {
            throw new KernelException($"ldd {binary} failed: {HostPackages.Last(ldd.StdErr + ldd.StdOut)}");
        }
        return Parse(ldd.StdOut);
    }

    /// <summary>Paths from ldd's output; "not found" is an error, the vDSO (no file) is skipped.</summary>
    public static IReadOnlyList<string> Parse(string lddOutput)
    {
        var paths = new List<string>();
        foreach (string raw in lddOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (raw.Contains("=> not found", StringComparison.Ordinal))
            {
                throw new KernelException($"a library the binary needs is missing on this host: {raw}");
            }
            var m = LddLine().Match(raw);
            if (m.Success && !paths.Contains(m.Groups["path"].Value))
            {
                paths.Add(m.Groups["path"].Value);
            }
        }
        return paths;
    }

    // "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)" or "/lib64/ld-linux-x86-64.so.2 (0x...)".
    [GeneratedRegex(@"^(?:\S+\s+=>\s+)?(?<path>/\S+)\s+\(0x[0-9a-fA-F]+\)$")]
    private static partial Regex LddLine();
}
