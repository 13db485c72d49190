namespace ConnStorm.Proxy;

/// <summary>Finds the haproxy executable (Debian installs it in /usr/sbin, which a user's PATH may lack).</summary>
public static class Haproxy
{
    public const string MissingHint = "install haproxy (apt-get install haproxy)";

    public static string? Find() => Find(Environment.GetEnvironmentVariable("PATH"));

    internal static string? Find(string? pathVariable)
    {
        var dirs = (pathVariable ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/usr/local/sbin"]);
        return dirs.Select(d => Path.Combine(d, "haproxy")).FirstOrDefault(File.Exists);
    }
}
