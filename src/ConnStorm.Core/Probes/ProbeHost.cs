using System.Runtime.Versioning;
using System.Text.Json;

namespace ConnStorm.Probes;

/// <summary>
/// Runs one probe in this process (which the runner started inside the probe's namespace, or
/// which runs in a VM) and writes each case as a JSON line prefixed "P ", then "D" when done.
/// A probe that throws ends with "X message": reported, never a hang.
/// </summary>
[SupportedOSPlatform("linux")]
public static class ProbeHost
{
    public static int Run(IProbe probe, TextWriter output)
    {
        using var env = new ProbeEnvironment();
        try
        {
            foreach (var c in probe.Run(env))
            {
                var marked = c with { Volatile = VolatileNumbers.Of(c.Numbers) };
                output.WriteLine("P " + JsonSerializer.Serialize(marked, ProbesDocument.Line));
                output.Flush();
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ArgumentException or UnauthorizedAccessException)
        {
            output.WriteLine($"X {probe.Name}: {e.Message.ReplaceLineEndings(" ")}");
            output.Flush();
            return 1;
        }
        output.WriteLine("D");
        output.Flush();
        return 0;
    }

    public static bool TryParse(string line, out ProbeCase? probeCase)
    {
        probeCase = line.StartsWith("P ", StringComparison.Ordinal)
            ? JsonSerializer.Deserialize<ProbeCase>(line.AsSpan(2), ProbesDocument.Line)
            : null;
        return probeCase is not null;
    }
}
