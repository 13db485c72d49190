using System.Runtime.Versioning;
using ConnStorm.Errors;
using ConnStorm.Kernels;

namespace ConnStorm.Cli;

/// <summary>`connstorm kernels fetch`, its arguments parsed: downloads and extracts, prints each vmlinuz path.</summary>
[SupportedOSPlatform("linux")]
internal sealed record KernelsFetchHandler(IReadOnlyList<string> Versions, string Dir)
{
    public int Run(TextWriter output, TextWriter error)
    {
        try
        {
            foreach (string vmlinuz in KernelFetcher.Fetch(Versions, Dir, error))
            {
                output.WriteLine(vmlinuz);
            }
            return ExitCodes.Ran;
        }
        catch (KernelException e)
        {
            error.WriteLine($"connstorm kernels fetch: {e.Message}");
            return ExitCodes.EnvironmentCannotRun;
        }
    }
}
