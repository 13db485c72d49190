using System.Text.RegularExpressions;

namespace ConnStorm.Errors;

/// <summary>
/// The results folder could not be written (a full disk, a file where the folder should be, a path
/// that cannot be created): exit code 3, one line naming the folder and the reason.
/// </summary>
public sealed partial class ResultsWriteException : Exception
{
    public ResultsWriteException(string path, string reason, Exception? inner = null)
        : base($"cannot write results to {path}: {reason}", inner)
    {
        Path = path;
        Reason = reason;
    }

    public string Path { get; }

    public string Reason { get; }

    /// <summary>The exceptions writing a file or making a folder ends in when the system refuses.</summary>
    public static bool IsWriteFailure(Exception e) => e is IOException or UnauthorizedAccessException;

    /// <summary>The failure as a write of <paramref name="path"/>'s results; passes through one that already is.</summary>
    public static ResultsWriteException About(string path, Exception e) =>
        e as ResultsWriteException ?? new ResultsWriteException(path, ReasonOf(e), e);

    /// <summary>Runs <paramref name="write"/>; a refusal to write becomes a <see cref="ResultsWriteException"/> naming <paramref name="dir"/>.</summary>
    public static T Guard<T>(string dir, Func<T> write)
    {
        try
        {
            return write();
        }
        catch (Exception e) when (IsWriteFailure(e))
        {
            throw About(dir, e);
        }
    }

    /// <inheritdoc cref="Guard{T}(string, Func{T})"/>
    public static void Guard(string dir, Action write) => Guard(dir, () =>
    {
        write();
        return 0;
    });

    /// <summary>
    /// The system's reason without the file name .NET appends ("No space left on device : '/x/y.csv'"
    /// becomes "No space left on device"): the message names the folder once.
    /// </summary>
    public static string ReasonOf(Exception e) => e switch
    {
        ResultsWriteException r => r.Reason,
        DirectoryNotFoundException or FileNotFoundException => "No such file or directory",
        UnauthorizedAccessException => "Permission denied",
        _ => PathSuffix().Replace(e.Message, "").Trim(),
    };

    [GeneratedRegex(@"\s*:\s*'[^']*'\s*\.?\s*$")]
    private static partial Regex PathSuffix();
}
