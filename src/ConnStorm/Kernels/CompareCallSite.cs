namespace ConnStorm.Kernels;

/// <summary>
/// The one place where `probe --kernel` hands its per-kernel folders to the cross-kernel comparison.
/// INTEGRATOR: ConnStorm.Compare.Comparer did not exist in this worktree; wire it here (and only
/// here), e.g. <c>Comparer.Write(outDir, folders)</c>, and drop the hint below.
/// </summary>
internal static class CompareCallSite
{
    public static void Compare(string outDir, IReadOnlyList<string> folders, TextWriter output, TextWriter log)
    {
        _ = output;
        if (folders.Count >= 2)
        {
            log.WriteLine($"connstorm: compare them with: connstorm compare {string.Join(' ', folders.Select(Shown))}");
        }
        _ = outDir;
    }

    /// <summary>A folder relative to the current one when it lies below it, else absolute.</summary>
    private static string Shown(string folder)
    {
        string relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), folder);
        return relative.StartsWith("..", StringComparison.Ordinal) ? folder : relative;
    }
}
