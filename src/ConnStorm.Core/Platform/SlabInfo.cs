using System.Globalization;

namespace ConnStorm.Platform;

/// <summary>One line of /proc/slabinfo: a kernel object cache and how many objects it holds.</summary>
public sealed record SlabCache(string Name, long ActiveObjects, long Objects, int ObjectSize, int ObjectsPerSlab, int PagesPerSlab)
{
    /// <summary>Bytes the active objects take (active_objs × objsize): what the objects themselves cost, without slab slack.</summary>
    public long ActiveBytes => ActiveObjects * ObjectSize;
}

/// <summary>
/// /proc/slabinfo (root only): the kernel's object caches. System-wide, not per network namespace.
/// SLUB merges caches of the same size and flags: a merged cache is listed once, under the name it
/// was created with, and /sys/kernel/slab/NAME of every member links to one shared ":A-0000128"-style
/// entry. <see cref="MergedWith"/> tells which names share a line.
/// </summary>
public static class SlabInfo
{
    public const string Path = "/proc/slabinfo";

    /// <summary>Every cache by name; null where the file cannot be read (not root, no procfs).</summary>
    public static IReadOnlyDictionary<string, SlabCache>? Read()
    {
        try
        {
            return Parse(File.ReadLines(Path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>"TCP  30849 30849 2368 13 8 : tunables ..." per line, after the two header lines.</summary>
    public static IReadOnlyDictionary<string, SlabCache> Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var caches = new Dictionary<string, SlabCache>(StringComparer.Ordinal);
        foreach (string line in lines)
        {
            if (line.StartsWith("slabinfo", StringComparison.Ordinal) || line.StartsWith('#'))
            {
                continue;
            }
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length >= 6
                && long.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out long active)
                && long.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out long total)
                && int.TryParse(f[3], NumberStyles.None, CultureInfo.InvariantCulture, out int size)
                && int.TryParse(f[4], NumberStyles.None, CultureInfo.InvariantCulture, out int perSlab)
                && int.TryParse(f[5], NumberStyles.None, CultureInfo.InvariantCulture, out int pages))
            {
                caches[f[0]] = new SlabCache(f[0], active, total, size, perSlab, pages);
            }
        }
        return caches;
    }

    /// <summary>
    /// Reads the caches after flushing the per-CPU slabs of <paramref name="names"/> (writing 1 to
    /// /sys/kernel/slab/NAME/shrink). SLUB counts every object of a CPU's slab and partial list as
    /// active, so without the flush active_objs overstates a cache by up to a few dozen objects per
    /// CPU (6.18: TCP read 66 active with 1 socket open, 1 after the flush) and a difference of two
    /// readings is off by as much either way. Where the flush is refused the plain reading is returned.
    /// </summary>
    public static IReadOnlyDictionary<string, SlabCache>? ReadFlushed(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        foreach (string name in names)
        {
            try
            {
                string shrink = $"/sys/kernel/slab/{name}/shrink";
                if (File.Exists(shrink))
                {
                    File.WriteAllText(shrink, "1");
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
        return Read();
    }

    /// <summary>
    /// The SLUB cache a name resolves to (the target of the /sys/kernel/slab/NAME link, e.g.
    /// ":A-0000128"), or the name itself when it is not merged; null when the kernel has no such cache.
    /// </summary>
    public static string? MergedWith(string name)
    {
        string path = $"/sys/kernel/slab/{name}";
        try
        {
            var info = new FileInfo(path);
            if (info.LinkTarget is { } target)
            {
                return System.IO.Path.GetFileName(target);
            }
            return Directory.Exists(path) ? name : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
