using System.Globalization;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;

namespace ConnStorm.Lab;

/// <summary>
/// Removes labs left by runs that died without cleaning up (SIGKILL, crash, power loss of the terminal):
/// their namespaces outlive them because a named namespace is pinned by its bind mount in /run/netns.
/// </summary>
[SupportedOSPlatform("linux")]
public static partial class LabJanitor
{
    /// <summary>Removes every connstorm-&lt;pid&gt;-&lt;n&gt; namespace whose owner is gone; returns the names removed.</summary>
    public static IReadOnlyList<string> RemoveStale() => RemoveStale(IsLiveOwner);

    /// <summary>As <see cref="RemoveStale()"/>, with the liveness test supplied (so tests can pick which owners count as alive).</summary>
    internal static IReadOnlyList<string> RemoveStale(Func<int, bool> ownerIsLive)
    {
        var removed = new List<string>();
        foreach (string name in Ip.ListNamespaces())
        {
            if (TryParseOwner(name, out int owner) && !ownerIsLive(owner))
            {
                Ip.Destroy(name, TimeSpan.FromSeconds(2));
                removed.Add(name);
            }
        }
        return removed;
    }

    /// <summary>The owner pid of a ConnStorm namespace name; false for any other name.</summary>
    public static bool TryParseOwner(string name, out int ownerPid)
    {
        var m = OwnedName().Match(name);
        ownerPid = 0;
        return m.Success && int.TryParse(m.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out ownerPid);
    }

    /// <summary>
    /// True for this process, and for a live process whose command line mentions connstorm (the CLI or its
    /// test host, in any case). A pid alone is not enough: pids are reused, so a dead run's pid may now
    /// belong to an unrelated process. Keeping a lab by mistake is harmless; deleting a live run's lab is not.
    /// </summary>
    public static bool IsLiveOwner(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return true;
        }
        try
        {
            // cmdline separates arguments with NUL; a substring test across them is still fine.
            string cmdline = File.ReadAllText($"/proc/{pid}/cmdline");
            return cmdline.Contains("connstorm", StringComparison.OrdinalIgnoreCase);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^connstorm-(\d{1,9})-(\d{1,9})$")]
    private static partial Regex OwnedName();
}
