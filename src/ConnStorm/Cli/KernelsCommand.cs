using System.CommandLine;
using System.Runtime.Versioning;
using ConnStorm.Errors;
using ConnStorm.Kernels;

namespace ConnStorm.Cli;

/// <summary><c>connstorm kernels fetch 6.1 6.12 [--dir kernels]</c></summary>
[SupportedOSPlatform("linux")]
public static class KernelsCommand
{
    public static Command Create()
    {
        var versions = new Argument<string[]>("versions")
        {
            Description = "Kernel version prefixes, e.g. 6.1 6.12: the newest Debian cloud kernel of each is fetched.",
            Arity = ArgumentArity.OneOrMore,
        };
        var dir = new Option<string>("--dir")
        {
            Description = $"Folder for the kernels (one subfolder per release) and the downloaded packages. Default: {KernelFetcher.DefaultDir}.",
            HelpName = "DIR",
            DefaultValueFactory = _ => KernelFetcher.DefaultDir,
        };
        var fetch = new Command("fetch", "Download Debian cloud kernels (apt-get download, not installed) and extract their vmlinuz; prints the paths.")
        {
            versions, dir,
        };
        fetch.SetAction(parse => Fetch(parse.GetValue(versions) ?? [], parse.GetValue(dir) ?? KernelFetcher.DefaultDir, Console.Out, Console.Error));
        return new Command("kernels", "Other Linux kernels to probe in micro-VMs (see probe --kernel).") { fetch };
    }

    internal static int Fetch(IReadOnlyList<string> versions, string dir, TextWriter output, TextWriter error)
    {
        try
        {
            foreach (string vmlinuz in KernelFetcher.Fetch(versions, dir, error))
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
