using System.Runtime.InteropServices;

namespace ConnStorm.Plots;

/// <summary>
/// Skia's SVG canvas cannot write dashes and says so on the process's stderr (fd 2) for every dashed
/// line ("Unsupported path effect in addPaint."), from native code. While an SVG is drawn, fd 2 points
/// at /dev/null; the lines are drawn solid in the SVG (the PNG keeps its dashes).
/// </summary>
internal static partial class QuietStderr
{
    private const int StderrFd = 2;

    public static IDisposable Begin()
    {
        if (!OperatingSystem.IsLinux())
        {
            return new Restore(-1);
        }
        var saved = Dup(StderrFd);
        var devNull = Open("/dev/null", 1 /* O_WRONLY */);
        if (saved < 0 || devNull < 0)
        {
            return new Restore(saved);
        }
        Dup2(devNull, StderrFd);
        Close(devNull);
        return new Restore(saved);
    }

    private sealed class Restore(int saved) : IDisposable
    {
        public void Dispose()
        {
            if (saved >= 0)
            {
                Dup2(saved, StderrFd);
                Close(saved);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "dup")]
    private static partial int Dup(int fd);

    [LibraryImport("libc", EntryPoint = "dup2")]
    private static partial int Dup2(int from, int to);

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
