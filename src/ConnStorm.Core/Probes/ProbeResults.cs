using System.Runtime.Versioning;
using ConnStorm.Results;
using ConnStorm.Errors;

namespace ConnStorm.Probes;

/// <summary>A probes results folder's records: probes.json and a manifest as for runs. The plots, probes.md and report.html are views of them, written by the exporters the command runs next.</summary>
[SupportedOSPlatform("linux")]
public static class ProbeResults
{
    public static void Write(string dir, ProbesDocument doc, IReadOnlyDictionary<string, string> sysctls, bool interrupted)
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
    }
}
