using ConnStorm.Lab;
using ConnStorm.Platform;

namespace ConnStorm.Tests.TestSupport;

/// <summary>
/// A fact about the NativeAOT connstorm-worker. Skipped only where the build could not make it (no clang: the
/// build says so and runs fall back to `connstorm worker`); with clang there and no binary, the test runs and fails.
/// <see cref="Lab"/> also needs a lab, <see cref="Strace"/> strace.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class AotWorkerFactAttribute : FactAttribute
{
    public static string BinaryPath => Path.Combine(AppContext.BaseDirectory, SelfCommand.WorkerBinary);

    public static bool ClangInstalled =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => d.Length > 0 && File.Exists(Path.Combine(d, "clang")));

    public AotWorkerFactAttribute(bool lab = false, bool strace = false)
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "needs Linux";
        }
        else if (!File.Exists(BinaryPath) && !ClangInstalled)
        {
            Skip = "no clang, so the build made no NativeAOT connstorm-worker (apt-get install clang zlib1g-dev)";
        }
        else if (lab && LabRequirements.WhatIsMissing() is { } missing)
        {
            Skip = missing;
        }
        else if (strace && StraceFactAttribute.Path is null)
        {
            Skip = "needs strace (apt-get install strace) to see which files the worker opens";
        }
    }
}
