namespace ConnStorm.Tests.TestSupport;

/// <summary>A fact that watches a process's file opens with strace; skipped with the reason where there is none.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class StraceFactAttribute : FactAttribute
{
    public static string? Path => new[] { "/usr/bin/strace", "/bin/strace" }.FirstOrDefault(File.Exists);

    public StraceFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || Path is null)
        {
            Skip = "needs strace on Linux (apt-get install strace) to see which files the worker opens";
        }
    }
}
