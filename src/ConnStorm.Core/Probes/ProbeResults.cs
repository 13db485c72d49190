using System.Runtime.Versioning;
using ConnStorm.Results;
using ConnStorm.Errors;

namespace ConnStorm.Probes;

/// <summary>A probes results folder: probes.json, a manifest as for runs, the plots and probes.md.</summary>
[SupportedOSPlatform("linux")]
public static class ProbeResults
{
    /// <param name="drawPlots">The exporters, run by the command once probes.json and the manifest are written; returns the files it wrote.</param>
    public static void Write(string dir, ProbesDocument doc, IReadOnlyDictionary<string, string> sysctls, bool interrupted, Func<IReadOnlyList<string>>? drawPlots = null)
    {
        doc.Write(Path.Combine(dir, ProbesDocument.FileName));
        var manifest = new Manifest
        {
            ToolVersion = doc.ToolVersion,
            Scenario = new Dictionary<string, object?>
            {
                ["command"] = "probe",
                ["probes"] = doc.Probes.Select(p => p.Name).ToList(),
                ["where"] = doc.Where,
            },
            KernelRelease = doc.KernelRelease,
            Hostname = doc.Hostname,
            Cores = SystemFacts.Cores,
            MemoryBytes = SystemFacts.MemoryBytes(),
            Sysctls = sysctls,
            StartedUtc = doc.StartedUtc,
            EndedUtc = doc.EndedUtc,
            Interrupted = interrupted,
            ExitCode = interrupted ? ExitCodes.Interrupted : ExitCodes.Ran,
            Notes = [.. doc.Probes.Where(p => p.Error is not null).Select(p => $"probe {p.Name} failed: {p.Error}")],
        };
        ManifestWriter.Write(Path.Combine(dir, ManifestWriter.FileName), manifest);
        var drawn = drawPlots?.Invoke() ?? [];
        var plots = drawn.Where(f => f.EndsWith(".png", StringComparison.Ordinal)).Select(Path.GetFileNameWithoutExtension).OfType<string>().ToList();
        ProbesReport.Write(Path.Combine(dir, ProbesReport.FileName), doc, plots);
    }
}
