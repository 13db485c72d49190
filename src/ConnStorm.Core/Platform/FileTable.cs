using System.Globalization;

namespace ConnStorm.Platform;

/// <summary>
/// The system-wide table of open files: fs.file-max (the cap alloc_empty_file() enforces with ENFILE,
/// except for a process with CAP_SYS_ADMIN, which it exempts) and fs.file-nr (allocated, 0, max).
/// Global, not per network namespace.
/// </summary>
public sealed record FileTable(long Allocated, long Max)
{
    public const string FileNrPath = "/proc/sys/fs/file-nr";

    public static FileTable? Read()
    {
        try
        {
            return Parse(File.ReadAllText(FileNrPath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>"35205\t0\t2466170" → allocated 35205, max 2466170.</summary>
    public static FileTable? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var f = text.Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        return f.Length >= 3
            && long.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out long allocated)
            && long.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out long max)
            ? new FileTable(allocated, max)
            : null;
    }
}
