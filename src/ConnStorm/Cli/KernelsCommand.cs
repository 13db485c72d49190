using System.CommandLine;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using ConnStorm.Kernels;

namespace ConnStorm.Cli;

/// <summary><c>connstorm kernels fetch 6.1 6.12 [--dir kernels]</c></summary>
[SupportedOSPlatform("linux")]
public static partial class KernelsCommand
{
    private static readonly Argument<string[]> VersionsArgument = CreateVersions();

    private static readonly Option<string> DirOption = new("--dir")
    {
        Description = $"Folder for the kernels (one subfolder per release) and the downloaded packages.",
        HelpName = "DIR",
        DefaultValueFactory = _ => KernelFetcher.DefaultDir,
    };

    public static Command Create()
    {
        var fetch = new Command("fetch", "Download Debian cloud kernels (apt-get download, not installed) and extract their vmlinuz; prints the paths.")
        {
            VersionsArgument, DirOption,
        };
        fetch.SetAction(parse => HandlerGuard.Run("connstorm kernels fetch", () => new KernelsFetchHandler(
            parse.GetValue(VersionsArgument) ?? [],
            parse.GetValue(DirOption) ?? KernelFetcher.DefaultDir).Run(Console.Out, Console.Error)));
        return new Command("kernels", "Other Linux kernels to probe in micro-VMs (see probe --kernel).") { fetch };
    }

    private static Argument<string[]> CreateVersions()
    {
        var versions = new Argument<string[]>("versions")
        {
            Description = "Kernel version prefixes, e.g. 6.1 6.12: the newest Debian cloud kernel of each is fetched.",
            Arity = ArgumentArity.OneOrMore,
        };
        versions.Validators.Add(result =>
        {
            foreach (string version in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (!VersionPrefix().IsMatch(version))
                {
                    result.AddError($"versions: '{version}' is not a kernel version such as 6.1 or 6.12");
                }
            }
        });
        return versions;
    }

    [GeneratedRegex(@"^[0-9]+\.[0-9]+(\.[0-9]+)*$")]
    private static partial Regex VersionPrefix();
}
