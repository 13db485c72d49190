using System.Diagnostics;

namespace ConnStorm.Platform;

/// <summary>
/// How to start ConnStorm itself as a worker or sink process: the apphost next to this
/// assembly when there is one, else `dotnet connstorm.dll`. Workers and sinks prefer the small
/// NativeAOT binary <c>connstorm-worker</c> beside it (see <see cref="Worker"/>).
/// </summary>
public static class SelfCommand
{
    /// <summary>The NativeAOT worker and sink binary, published next to the connstorm apphost by the build.</summary>
    public const string WorkerBinary = "connstorm-worker";

    /// <summary>Set to "jit" to start workers and sinks as `connstorm worker` / `connstorm sink` even when the AOT binary is there.</summary>
    public const string WorkerBuildVariable = "CONNSTORM_WORKER_BUILD";

    public const string AotBuild = "aot";
    public const string JitBuild = "jit";

    public static (string FileName, IReadOnlyList<string> Prefix) Resolve()
    {
        string dir = AppContext.BaseDirectory;
        string apphost = Path.Combine(dir, "connstorm");
        if (File.Exists(apphost))
        {
            return (apphost, []);
        }
        string dll = typeof(SelfCommand).Assembly.Location;
        string dotnet = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        return (dotnet, [dll]);
    }

    public static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var (file, prefix) = Resolve();
        return Build(file, prefix, args);
    }

    /// <summary>
    /// Which build starts workers and sinks: "aot" when <c>connstorm-worker</c> is next to this assembly
    /// (and <see cref="WorkerBuildVariable"/> does not say "jit"), else "jit" (`connstorm worker`, the full CLI).
    /// </summary>
    public static string WorkerBuild => AotWorkerPath() is null ? JitBuild : AotBuild;

    /// <summary>
    /// A worker or sink process (<paramref name="args"/> start with "worker" or "sink"): the AOT binary when
    /// there is one, else connstorm itself; both take the same arguments.
    /// </summary>
    public static ProcessStartInfo Worker(IEnumerable<string> args) =>
        AotWorkerPath() is { } aot ? Build(aot, [], args) : StartInfo(args);

    private static string? AotWorkerPath() =>
        AotWorkerIn(AppContext.BaseDirectory, Environment.GetEnvironmentVariable(WorkerBuildVariable));

    /// <summary>The AOT worker in <paramref name="dir"/>; null when it is not there or <paramref name="buildVariable"/> asks for "jit".</summary>
    internal static string? AotWorkerIn(string dir, string? buildVariable)
    {
        if (string.Equals(buildVariable, JitBuild, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        string path = Path.Combine(dir, WorkerBinary);
        return File.Exists(path) ? path : null;
    }

    private static ProcessStartInfo Build(string file, IEnumerable<string> prefix, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(file);
        foreach (string a in prefix.Concat(args))
        {
            psi.ArgumentList.Add(a);
        }
        return psi;
    }
}
