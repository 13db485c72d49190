using System.Diagnostics;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using ConnStorm.Platform;

namespace ConnStorm.Kernels;

/// <summary>
/// Gives the micro-VM a connstorm it can run with no .NET installed: a self-contained single-file
/// ReadyToRun publish of src/ConnStorm, cached by a hash of the sources so a second `probe --kernel`
/// does not publish again. When connstorm already runs as such a binary, that binary is used as is.
/// </summary>
[SupportedOSPlatform("linux")]
public static class SelfPublisher
{
    public static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(15);

    /// <summary>The path of a self-contained single-file connstorm, publishing it when needed.</summary>
    public static string Obtain(string cacheDir, TextWriter log)
    {
        if (RunningSingleFile() is { } self)
        {
            return self;
        }
        string project = FindProject()
            ?? throw new KernelException("cannot find src/ConnStorm/ConnStorm.csproj above this binary or the current folder, so cannot publish a connstorm for the VM; run from the repository");
        string repo = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, "..", ".."));
        string hash = SourceHash(repo);
        string outDir = Path.Combine(cacheDir, "publish", hash);
        string binary = Path.Combine(outDir, "connstorm");
        if (File.Exists(binary))
        {
            return binary;
        }
        log.WriteLine($"connstorm: publishing a self-contained connstorm for the VM (once per source change, a few minutes) into {outDir}");
        var psi = new ProcessStartInfo("dotnet");
        foreach (string a in PublishArguments(project, outDir, Path.Combine(cacheDir, "publish", "artifacts")))
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        var run = ProcessRunner.Run(psi, PublishTimeout);
        if (!run.Succeeded || !File.Exists(binary))
        {
            Directory.Delete(outDir, recursive: true);
            throw new KernelException($"dotnet publish failed{(run.TimedOut ? " (timed out)" : "")}: {HostPackages.Last(run.StdOut + run.StdErr, 10)}");
        }
        return binary;
    }

    public static IReadOnlyList<string> PublishArguments(string project, string outDir, string artifacts) =>
    [
        "publish", project, "-c", "Release", "-r", "linux-x64", "--self-contained",
        "-p:PublishSingleFile=true", "-p:PublishReadyToRun=true",
        // Not trimmed: connstorm reads and writes JSON and YAML by reflection (ManifestWriter,
        // YamlDotNet), which trimming breaks silently; the VM holds the extra ~60 MB easily.
        // Warnings stay warnings for this publish only: the single-file analyzer flags
        // Assembly.Location in Running/SelfCommand.cs (IL3000), harmless there because the apphost
        // branch is taken first. The ordinary build keeps warnings as errors.
        "-p:TreatWarningsAsErrors=false",
        // Its own obj/bin: a RID-specific restore in the shared obj/ would race ordinary builds.
        "--artifacts-path", artifacts,
        "-o", outDir, "-nologo", "-v", "quiet",
    ];

    /// <summary>This process's path when it is a single-file connstorm (no connstorm.dll beside it).</summary>
    public static string? RunningSingleFile()
    {
        string? path = Environment.ProcessPath;
        if (path is null || Path.GetFileName(path) != "connstorm")
        {
            return null;
        }
        return File.Exists(Path.Combine(AppContext.BaseDirectory, "connstorm.dll")) ? null : path;
    }

    private static string? FindProject()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "src", "ConnStorm", "ConnStorm.csproj");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    /// <summary>Hash of every source, project and props file that goes into the binary (names and contents): all of src/, since the exe is built from ConnStorm.Core and ConnStorm.Plots too.</summary>
    public static string SourceHash(string repo)
    {
        var files = Directory.EnumerateFiles(Path.Combine(repo, "src"), "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal))
            .Concat(new[] { "Directory.Build.props", "Directory.Packages.props" }.Select(f => Path.Combine(repo, f)).Where(File.Exists))
            .Order(StringComparer.Ordinal);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (string file in files)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(repo, file) + "\n"));
            sha.AppendData(File.ReadAllBytes(file));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
    }
}
