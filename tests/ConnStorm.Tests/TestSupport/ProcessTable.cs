using System.Globalization;

namespace ConnStorm.Tests.TestSupport;

/// <summary>The live processes as /proc lists them, for tests that look for what a run started or left behind.</summary>
public static class ProcessTable
{
    /// <summary>Every live process with its command line (NULs read as spaces); one that ends while being read is left out.</summary>
    public static IReadOnlyList<(int Pid, string CommandLine)> All()
    {
        var found = new List<(int, string)>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid))
            {
                continue;
            }
            try
            {
                found.Add((pid, File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ')));
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return found;
    }

    /// <summary>Whether <paramref name="ancestor"/> is among the parents of <paramref name="pid"/> (16 generations at most).</summary>
    public static bool HasAncestor(int pid, int ancestor)
    {
        try
        {
            for (int i = 0; i < 16 && pid > 1; i++)
            {
                string stat = File.ReadAllText($"/proc/{pid}/stat");
                // Field 4 (ppid) follows the command name in parentheses, which may itself hold spaces.
                var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                pid = int.Parse(rest[1], CultureInfo.InvariantCulture);
                if (pid == ancestor)
                {
                    return true;
                }
            }
        }
        catch (IOException)
        {
        }
        return false;
    }
}
