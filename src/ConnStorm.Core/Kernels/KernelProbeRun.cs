using System.Globalization;
using System.Runtime.Versioning;
using System.Text.Json;
using ConnStorm.Platform;

namespace ConnStorm.Kernels;

/// <summary>What `probe --kernel` was asked to do.</summary>
[SupportedOSPlatform("linux")]
public sealed record KernelProbeOptions
{
    public required IReadOnlyList<string> Kernels { get; init; }
    public required string OutDir { get; init; }
    public bool WithHost { get; init; }
    public TimeSpan VmTimeout { get; init; } = MicroVm.DefaultTimeout;
    /// <summary>connstorm's arguments inside the VM: the probe catalogue unless a test says otherwise.</summary>
    public IReadOnlyList<string> GuestArgs { get; init; } = InitScript.CatalogueCommand;
    /// <summary>Published binaries and initramfs images; default ~/.cache/connstorm/vm.</summary>
    public string CacheDir { get; init; } = DefaultCacheDir();
    /// <summary>A ready single-file connstorm to put in the VM instead of publishing one.</summary>
    public string? Binary { get; init; }
    /// <summary>What is written from each kernel's probes.json and from the comparison (probes.md, compare.md, report.html), in order. Default: none.</summary>
    public IReadOnlyList<Results.IExporter> Exporters { get; init; } = [];

    public static string DefaultCacheDir() =>
        Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } x
            ? x
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "connstorm", "vm");
}

/// <summary>One kernel's outcome: its folder under the output folder, or why there is none.</summary>
public sealed record KernelProbeResult(string Kernel, string? Release, string? Folder, string? Failure, VmBoot? Boot);

/// <summary>
/// `probe --kernel VMLINUZ ...`: for each kernel, boot it with connstorm in the initramfs, run the
/// probe catalogue there, and lay the results out as OUT/&lt;kernel release&gt;/probes.json (plus the
/// console log), one folder per kernel, which is what `connstorm compare` reads.
/// </summary>
[SupportedOSPlatform("linux")]
public static class KernelProbeRun
{
    public const string ProbesFile = Results.ResultFiles.Probes;
    public const string ConsoleFile = "console.log";

    public static IReadOnlyList<KernelProbeResult> Run(KernelProbeOptions options, TextWriter output, TextWriter log)
    {
        foreach (string kernel in options.Kernels.Where(k => !File.Exists(k)))
        {
            throw new KernelException($"kernel image {kernel} does not exist (fetch one with `connstorm kernels fetch 6.1`)");
        }
        Directory.CreateDirectory(options.OutDir);
        string binary = options.Binary ?? SelfPublisher.Obtain(options.CacheDir, log);
        // The guest command is killed a minute before qemu would be, so a slow catalogue still
        // reports what it has (and the stand-in) instead of being lost with the VM.
        var guestBound = options.VmTimeout - TimeSpan.FromSeconds(Math.Min(60, options.VmTimeout.TotalSeconds / 4));
        string initramfs = InitramfsBuilder.Build(binary, options.CacheDir, options.GuestArgs, guestBound, log);

        var results = new List<KernelProbeResult>();
        foreach (string kernel in options.Kernels)
        {
            log.WriteLine($"connstorm: booting {kernel} (qemu TCG, at most {options.VmTimeout.TotalSeconds:0} s)");
            var boot = MicroVm.Boot(Path.GetFullPath(kernel), initramfs, options.VmTimeout, log);
            results.Add(Store(kernel, boot, options.OutDir));
            var last = results[^1];
            if (last.Failure is null)
            {
                output.WriteLine(Path.Combine(last.Folder!, ProbesFile));
                log.WriteLine($"connstorm: {last.Release}: {Timings(boot)}");
            }
            else
            {
                log.WriteLine($"connstorm: {kernel}: {last.Failure}");
            }
        }
        if (options.WithHost)
        {
            results.Add(RunOnHost(options.OutDir, output, log));
        }

        var folders = results.Where(r => r.Folder is not null).Select(r => r.Folder!).ToList();
        foreach (var folder in folders)
        {
            foreach (var error in Exporters.ExportRun.All(options.Exporters, Results.ResultsModel.Open(folder)).Errors)
            {
                log.WriteLine($"connstorm: {error}");
            }
        }
        CompareCallSite.Compare(options.OutDir, folders, output, log, options.Exporters);
        return results;
    }

    /// <summary>"boot 2.1 s, connstorm 5.4 s, total 9.8 s" from the guest's uptime stamps and the wall clock.</summary>
    public static string Timings(VmBoot boot)
    {
        var parts = new List<string>();
        if (boot.GuestStartSeconds is { } start)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"kernel boot to /init {start:0.0} s"));
            if (boot.GuestDoneSeconds is { } done)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"connstorm in the VM {done - start:0.0} s"));
            }
        }
        parts.Add(string.Create(CultureInfo.InvariantCulture, $"qemu wall clock {boot.Wall.TotalSeconds:0.0} s"));
        return string.Join(", ", parts);
    }

    /// <summary>Writes one boot's probes.json and console log under its kernel release.</summary>
    public static KernelProbeResult Store(string kernel, VmBoot boot, string outDir)
    {
        string? release = boot.Reading.Payload is { } payload ? ReleaseOf(payload) : null;
        release ??= KernelFetcher.ReleaseFromFileName(kernel) ?? Path.GetFileName(kernel);
        string folder = Path.Combine(outDir, release);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, ConsoleFile), boot.Console);
        if (!boot.Succeeded)
        {
            return new KernelProbeResult(kernel, release, null, boot.Failure ?? "no result", boot);
        }
        File.WriteAllBytes(Path.Combine(folder, ProbesFile), boot.Reading.Payload!);
        return new KernelProbeResult(kernel, release, folder, null, boot);
    }

    /// <summary>The "kernel_release" of a probes.json, when it is JSON and has one.</summary>
    public static string? ReleaseOf(byte[] probesJson)
    {
        try
        {
            using var doc = JsonDocument.Parse(probesJson);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("kernel_release", out var r)
                && r.ValueKind == JsonValueKind.String
                && r.GetString() is { Length: > 0 } s
                && !s.Contains('/', StringComparison.Ordinal) && s != ".." ? s : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>--with-host: the host's own catalogue, each probe in a lab as always (never in place: the host namespace is not touched), into OUT/host-&lt;release&gt;/.</summary>
    private static KernelProbeResult RunOnHost(string outDir, TextWriter output, TextWriter log)
    {
        string release = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        string folder = Path.Combine(outDir, "host-" + release);
        Directory.CreateDirectory(folder);
        var run = ProcessRunner.Run(SelfCommand.StartInfo(["probe", "--out", folder]), MicroVm.DefaultTimeout);
        if (!run.Succeeded || !File.Exists(Path.Combine(folder, ProbesFile)))
        {
            string failure = $"the host's probe catalogue failed (exit {run.ExitCode}): {HostPackages.Last(run.StdErr + run.StdOut)}";
            log.WriteLine($"connstorm: host: {failure}");
            return new KernelProbeResult("host", release, null, failure, null);
        }
        output.WriteLine(Path.Combine(folder, ProbesFile));
        return new KernelProbeResult("host", release, folder, null, null);
    }
}
