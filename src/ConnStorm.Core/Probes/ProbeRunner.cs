using System.Diagnostics;
using System.Runtime.Versioning;
using ConnStorm.Lab;
using ConnStorm.Results;
using ConnStorm.Platform;

namespace ConnStorm.Probes;

/// <summary>
/// Runs probes one after another, each in a lab namespace of its own (a `connstorm probe-run`
/// process started inside it), or all in this process when <c>inPlace</c> (inside a micro-VM,
/// where the VM is the private lab). A probe that fails or overruns is recorded, and the
/// catalogue goes on.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ProbeRunner(TextWriter log, bool inPlace, TimeSpan perProbe)
{
    public IReadOnlyDictionary<string, string> Sysctls { get; private set; } = new Dictionary<string, string>();

    public ProbesDocument Run(IReadOnlyList<IProbe> probes, CancellationToken ct)
    {
        var started = DateTime.UtcNow;
        var infos = new List<ProbeRunInfo>();
        var cases = new List<ProbeCase>();
        foreach (var probe in probes)
        {
            if (ct.IsCancellationRequested)
            {
                break;
            }
            var watch = Stopwatch.StartNew();
            var (found, error) = inPlace ? RunHere(probe) : RunInLab(probe);
            cases.AddRange(found);
            infos.Add(new ProbeRunInfo(probe.Name, probe.Description, Math.Round(watch.Elapsed.TotalSeconds, 3), error));
            log.WriteLine($"  {probe.Name}: {found.Count} case(s) in {watch.Elapsed.TotalSeconds:0.0} s{(error is null ? "" : $"; failed: {error}")}");
        }
        var claims = probes.OfType<IProbeClaims>()
            .SelectMany(p => p.Judge(cases.Where(c => c.Probe == ((IProbe)p).Name).ToList()))
            .ToList();
        return new ProbesDocument
        {
            ToolVersion = SystemFacts.ToolVersion(),
            KernelRelease = SystemFacts.KernelRelease(),
            Hostname = SystemFacts.Hostname(),
            Where = inPlace ? "vm" : "host",
            StartedUtc = started,
            EndedUtc = DateTime.UtcNow,
            Probes = infos,
            Cases = cases,
            Claims = claims,
        };
    }

    private static (List<ProbeCase> Cases, string? Error) RunHere(IProbe probe)
    {
        var output = new StringWriter();
        ProbeHost.Run(probe, output);
        return Parse(output.ToString(), 0, timedOut: false);
    }

    private (List<ProbeCase> Cases, string? Error) RunInLab(IProbe probe)
    {
        using var lab = LabNamespace.Create(new Dictionary<string, string>());
        if (Sysctls.Count == 0)
        {
            // A fresh namespace's values: what every probe starts from.
            Sysctls = lab.ReadReportedSysctls();
        }
        var self = SelfCommand.StartInfo(["probe-run", probe.Name]);
        var result = ProcessRunner.Run(lab.StartInfo(self.FileName, self.ArgumentList), perProbe);
        var (cases, error) = Parse(result.StdOut, result.ExitCode, result.TimedOut);
        if (error is null && result.ExitCode != 0)
        {
            error = $"exit code {result.ExitCode}: {result.StdErr.Trim()}";
        }
        return (cases, error);
    }

    private static (List<ProbeCase>, string?) Parse(string stdout, int exitCode, bool timedOut)
    {
        var cases = new List<ProbeCase>();
        string? error = timedOut ? "did not finish in time and was stopped" : null;
        bool done = false;
        foreach (string line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (ProbeHost.TryParse(line, out var c))
            {
                cases.Add(c!);
            }
            else if (line.StartsWith("X ", StringComparison.Ordinal))
            {
                error = line[2..].Trim();
            }
            else if (line.Trim() == "D")
            {
                done = true;
            }
        }
        if (!done && error is null)
        {
            error = exitCode == 0 ? "ended without reporting its end" : $"exit code {exitCode}";
        }
        return (cases, error);
    }
}
