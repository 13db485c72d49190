using System.Runtime.Versioning;
using ConnStorm.Errors;
using ConnStorm.Probes;

namespace ConnStorm.Cli;

/// <summary>The hidden `connstorm probe-run NAME`: one probe, in this process, its cases on stdout.</summary>
[SupportedOSPlatform("linux")]
internal sealed record ProbeRunHandler(string Name)
{
    public int Run(TextWriter output, TextWriter error)
    {
        var probe = ProbeCatalogue.Find(Name);
        if (probe is null)
        {
            error.WriteLine($"connstorm probe-run: no probe named {Name}");
            return ExitCodes.BadInput;
        }
        return ProbeHost.Run(probe, output);
    }
}
