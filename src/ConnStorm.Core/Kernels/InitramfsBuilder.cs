using System.IO.Compression;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;

namespace ConnStorm.Kernels;

/// <summary>
/// Builds the micro-VM's gzip'd newc initramfs: busybox-static with its applet links, the published
/// connstorm, the host libraries it loads, and /init. The result is cached by the hash of all of
/// those, so a second `probe --kernel` reuses it.
/// </summary>
[SupportedOSPlatform("linux")]
public static class InitramfsBuilder
{
    /// <summary>The busybox applets /init and a person debugging the VM use.</summary>
    public static readonly IReadOnlyList<string> Applets =
    [
        "sh", "mount", "umount", "poweroff", "reboot", "mkdir", "cat", "ip", "sysctl", "base64", "timeout",
        "uname", "sleep", "echo", "ls", "dmesg", "cut", "head", "tail", "sha256sum", "rm", "cp", "mv",
        "grep", "sed", "printf", "tr", "true", "false", "test", "[", "wc", "date", "env", "ps", "sync", "ulimit",
    ];

    /// <summary>Builds (or reuses) the initramfs for one connstorm binary and guest command; returns its path.</summary>
    public static string Build(string connstorm, string cacheDir, IReadOnlyList<string> guestArgs, TimeSpan guestTimeBound, TextWriter log)
    {
        HostPackages.Ensure(HostPackages.BusyboxStatic, log);
        var libraries = SharedLibraries.Of(connstorm);
        string init = InitScript.Render(guestArgs, guestTimeBound);

        string key = CacheKey([connstorm, HostPackages.BusyboxBinary, .. libraries], init);
        Directory.CreateDirectory(cacheDir);
        string path = Path.Combine(cacheDir, $"initramfs-{key}.cpio.gz");
        if (File.Exists(path))
        {
            return path;
        }
        string partial = path + ".partial";
        using (var file = File.Create(partial))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var cpio = new CpioNewcWriter(gzip))
        {
            Write(cpio, connstorm, libraries, init);
        }
        // Renamed only when complete: an interrupted build never poses as a cached one.
        File.Move(partial, path, overwrite: true);
        return path;
    }

    internal static void Write(CpioNewcWriter cpio, string connstorm, IReadOnlyList<string> libraries, string init)
    {
        foreach (string dir in new[] { "bin", "dev", "proc", "sys", "tmp", "out", "root", "etc" })
        {
            cpio.AddDirectory(dir);
        }
        // The kernel opens /dev/console for /init's stdin/stdout before /init runs: without this
        // node /init's output goes nowhere. devtmpfs is mounted over /dev later.
        cpio.AddCharDevice("dev/console", 5, 1);
        cpio.AddFileFrom("bin/busybox", HostPackages.BusyboxBinary, 0x1ED);
        foreach (string applet in Applets)
        {
            cpio.AddSymlink("bin/" + applet, "busybox");
        }
        cpio.AddFileFrom(InitScript.ConnStormPath, connstorm, 0x1ED);
        foreach (string library in libraries)
        {
            // Copied under the path ldd named (/lib64/ld-linux-x86-64.so.2 is what the ELF
            // interpreter field says), with symlinks resolved: the guest has no usr-merge links.
            cpio.AddFileFrom(library, Resolve(library), 0x1ED);
        }
        cpio.AddFile("etc/passwd", Encoding.ASCII.GetBytes("root:x:0:0:root:/root:/bin/sh\n"));
        cpio.AddFile("init", Encoding.UTF8.GetBytes(init), 0x1ED);
    }

    private static string Resolve(string path) =>
        File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path;

    /// <summary>Size and modification time of each input (hashing 100 MB each time would cost more than it saves) plus the script.</summary>
    private static string CacheKey(IEnumerable<string> inputs, string init)
    {
        var text = new StringBuilder(init);
        foreach (string input in inputs)
        {
            var info = new FileInfo(Resolve(input));
            if (!info.Exists)
            {
                throw new KernelException($"{input} does not exist");
            }
            text.Append('\n').Append(input).Append(' ').Append(info.Length).Append(' ').Append(info.LastWriteTimeUtc.Ticks);
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
