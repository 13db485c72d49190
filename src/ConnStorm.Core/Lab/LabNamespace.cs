using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;

namespace ConnStorm.Lab;

/// <summary>
/// A private network namespace, <c>connstorm-&lt;ownerpid&gt;-&lt;n&gt;</c>, with its own loopback, port
/// table and per-namespace sysctls. The .NET runtime cannot move its threads into another namespace
/// (setns applies to one thread, and the runtime's pool threads would stay behind), so work runs in
/// processes started inside it through <c>ip netns exec</c>, which execs the command directly.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed partial class LabNamespace : IDisposable
{
    /// <summary>Prefix of every namespace ConnStorm creates; the janitor only ever touches these.</summary>
    public const string Prefix = "connstorm-";

    private static int _counter = -1;
    private int _disposed;

    private LabNamespace(string name) => Name = name;

    public string Name { get; }

    /// <summary>
    /// Creates the namespace, brings lo up and applies <paramref name="sysctls"/> inside it (whitelisted keys
    /// only), verifying each by reading it back. On any failure the namespace is deleted and a
    /// <see cref="LabException"/> names the failing command and its stderr.
    /// </summary>
    public static LabNamespace Create(IReadOnlyDictionary<string, string> sysctls)
    {
        ArgumentNullException.ThrowIfNull(sysctls);
        // Refuse before creating anything: a bad key must not leave a half-built lab behind.
        foreach (var (key, value) in sysctls)
        {
            if (!SysctlWhitelist.IsAllowed(key))
            {
                throw new LabException(
                    $"sysctl '{key}' is not allowed in a lab; allowed keys (all per network namespace): {string.Join(", ", SysctlWhitelist.Keys.Keys)}");
            }
            if (value.Any(c => char.IsControl(c) && c != '\t'))
            {
                throw new LabException($"sysctl '{key}': the value contains a control character");
            }
        }
        if (LabRequirements.WhatIsMissing() is { } missing)
        {
            throw new LabException(missing);
        }

        string name = NextFreeName();
        Ip.Check("netns", "add", name);
        var lab = new LabNamespace(name);
        try
        {
            // A new namespace's lo is down: nothing, not even 127.0.0.1, would be reachable.
            Ip.Check("-n", name, "link", "set", "lo", "up");
            foreach (var (key, value) in sysctls)
            {
                lab.WriteSysctl(key, value);
            }
            return lab;
        }
        catch
        {
            lab.Dispose();
            throw;
        }
    }

    /// <summary>A start description that runs <paramref name="fileName"/> inside this namespace.</summary>
    public ProcessStartInfo StartInfo(string fileName, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(Ip.FileName) { UseShellExecute = false };
        psi.ArgumentList.Add("netns");
        psi.ArgumentList.Add("exec");
        psi.ArgumentList.Add(Name);
        psi.ArgumentList.Add(fileName);
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }
        return psi;
    }

    /// <summary>
    /// The value as a process inside the namespace sees it, whitespace collapsed ("40000 40099");
    /// "" when the key does not exist. Keys outside the whitelist may be read (fs.* are global but readable).
    /// </summary>
    public string ReadSysctl(string key)
    {
        if (!SysctlKey().IsMatch(key))
        {
            return "";
        }
        var r = Ip.Run("netns", "exec", Name, "cat", SysctlWhitelist.ProcPath(key));
        return r.Succeeded ? Collapse(r.StdOut) : "";
    }

    /// <summary>Every <see cref="SysctlWhitelist.Reported"/> key as seen inside the namespace, for the manifest.</summary>
    public IReadOnlyDictionary<string, string> ReadReportedSysctls() =>
        SysctlWhitelist.Reported.ToDictionary(k => k, ReadSysctl, StringComparer.Ordinal);

    /// <summary>Pids of the processes currently in the namespace.</summary>
    public IReadOnlyList<int> Pids() => Ip.Pids(Name);

    /// <summary>SIGTERM every process inside, SIGKILL what is left after 2 s, delete the namespace. Idempotent; never throws.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Ip.Destroy(Name, TimeSpan.FromSeconds(2));
        }
    }

    /// <summary>Whitespace runs become one space: the kernel prints ip_local_port_range with a tab.</summary>
    internal static string Collapse(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private void WriteSysctl(string key, string value)
    {
        string path = SysctlWhitelist.ProcPath(key);
        // The value and path travel as positional arguments ($1, $0), never inside the script text,
        // so no value can be interpreted by the shell. /proc/sys/net/* resolves against the writer's
        // network namespace, which is why the write must happen in a process inside it.
        string[] args = ["netns", "exec", Name, "sh", "-c", "printf '%s' \"$1\" > \"$0\"", path, value];
        var r = Ip.Run(args);
        if (!r.Succeeded)
        {
            throw Ip.Failure(args, r);
        }
        string actual = ReadSysctl(key);
        if (actual != Collapse(value))
        {
            throw new LabException($"sysctl {key}: wrote '{value}' inside {Name} but read back '{actual}'");
        }
    }

    private static string NextFreeName()
    {
        var existing = new HashSet<string>(Ip.ListNamespaces(), StringComparer.Ordinal);
        // Bounded: a name left by an earlier process with our (reused) pid is skipped, not reused.
        for (int attempt = 0; attempt < 1000; attempt++)
        {
            string name = $"{Prefix}{Environment.ProcessId}-{Interlocked.Increment(ref _counter)}";
            if (!existing.Contains(name))
            {
                return name;
            }
        }
        throw new LabException($"no free lab namespace name for pid {Environment.ProcessId}");
    }

    [GeneratedRegex(@"^[a-z0-9_\-]+(\.[a-z0-9_\-]+)+$")]
    private static partial Regex SysctlKey();
}
