using System.Diagnostics;

namespace ConnStorm.Platform;

/// <summary>
/// How to start ConnStorm itself as a worker or sink process: the apphost next to this
/// assembly when there is one, else `dotnet connstorm.dll`.
/// </summary>
public static class SelfCommand
{
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
        var psi = new ProcessStartInfo(file);
        foreach (string a in prefix.Concat(args))
        {
            psi.ArgumentList.Add(a);
        }
        return psi;
    }
}
