using System.Globalization;
using ConnStorm.Errors;

namespace ConnStorm.Results;

/// <summary>Where a run's files go: results/&lt;scenario&gt;/&lt;UTC timestamp&gt;/, or --out exactly.</summary>
public static class ResultsFolder
{
    public const string TimestampFormat = "yyyyMMdd-HHmmss'Z'";

    /// <summary>
    /// Resolves and creates the folder. An explicit <paramref name="outDir"/> is used as given (it may
    /// already exist). Otherwise resultsRoot/name/timestamp; two runs started in the same second get
    /// "-2", "-3", ... so a run never writes into another run's folder.
    /// </summary>
    public static string Resolve(string? outDir, string scenarioName, DateTime utcNow, string resultsRoot)
    {
        if (!string.IsNullOrEmpty(outDir))
        {
            Create(outDir);
            return outDir;
        }

        var stamp = utcNow.ToUniversalTime().ToString(TimestampFormat, CultureInfo.InvariantCulture);
        var parent = Path.Combine(resultsRoot, SafeName(scenarioName));
        var candidate = Path.Combine(parent, stamp);
        for (var n = 2; Directory.Exists(candidate); n++)
        {
            candidate = Path.Combine(parent, $"{stamp}-{n}");
        }
        Create(candidate);
        return candidate;
    }

    /// <summary>Creates <paramref name="dir"/>; a refusal becomes a <see cref="ResultsWriteException"/> naming it.</summary>
    public static void Create(string dir)
    {
        if (File.Exists(dir))
        {
            throw new ResultsWriteException(dir, "it is a file, not a folder");
        }
        try
        {
            Directory.CreateDirectory(dir);
        }
        catch (Exception e) when (ResultsWriteException.IsWriteFailure(e))
        {
            throw ResultsWriteException.About(dir, e);
        }
    }

    // A scenario name comes from a YAML file; keep it from escaping the results root or
    // making a path the shell would need quoting for.
    private static string SafeName(string name)
    {
        var chars = name.Trim().Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray();
        var safe = new string(chars).Trim('.');
        return safe.Length == 0 ? "unnamed" : safe;
    }
}
