using System.CommandLine;
using System.Runtime.Versioning;
using ConnStorm.Running;

namespace ConnStorm.Cli;

/// <summary><c>connstorm run SCENARIO.yaml [--out DIR] [--set KEY=VALUE ...]</c></summary>
[SupportedOSPlatform("linux")]
internal static class RunCommand
{
    private static readonly Argument<FileInfo> ScenarioArgument = new("scenario")
    {
        Description = "The scenario file (YAML). Examples are in scenarios/.",
    };

    private static readonly Option<string?> OutOption = new("--out", "-o")
    {
        Description = "Write results into exactly this folder. Default: results/<scenario>/<UTC timestamp>/.",
        HelpName = "DIR",
    };

    private static readonly Option<string[]> SetOption = new("--set")
    {
        Description = "Override a scenario key by its dotted path, e.g. --set load.connections=5000 (repeatable). Default: none.",
        Arity = ArgumentArity.ZeroOrMore,
        HelpName = "KEY=VALUE",
        DefaultValueFactory = _ => [],
    };

    private static readonly Option<bool> PlainOption = new("--plain")
    {
        Description = "Print plain progress lines even on a terminal. Default: false (live table on a terminal).",
    };

    private static readonly Option<ulong?> FdsPerProcessOption = new Option<ulong?>("--fds-per-process")
    {
        Description = $"Descriptors each worker and sink process may use (at least {MinFdsPerProcess}); a run needing more is split over more processes. Default: the RLIMIT_NOFILE hard limit as found.",
        HelpName = "N",
    }.AtLeast(MinFdsPerProcess, $"a process uses about {ProcessBudget.Reserve} descriptors before its first connection");

    private static readonly Option<int?> WorkersOption = new Option<int?>("--workers")
    {
        Description = $"Worker processes per run, 1 to {ProcessBudget.MaxProcesses} (and as many sink processes, unless the sink is no-accept). Default: as many as RLIMIT_NOFILE requires for load.connections.",
        HelpName = "N",
    }.Between(1, ProcessBudget.MaxProcesses);

    /// <summary>Twice the descriptors a process needs before its first connection.</summary>
    public const ulong MinFdsPerProcess = 2 * ProcessBudget.Reserve;

    public static Command Create()
    {
        var command = new Command("run", "Run a scenario: open connections as it says, record every failure, write a results folder.")
        {
            ScenarioArgument, OutOption, SetOption, PlainOption, FdsPerProcessOption, WorkersOption,
        };
        command.SetAction(parse => HandlerGuard.Run("connstorm", () => new RunHandler(
            parse.GetRequiredValue(ScenarioArgument),
            parse.GetValue(OutOption),
            parse.GetValue(SetOption) ?? [],
            parse.GetValue(PlainOption),
            parse.GetValue(FdsPerProcessOption),
            parse.GetValue(WorkersOption)).Run(Console.Out, Console.Error)));
        return command;
    }
}
