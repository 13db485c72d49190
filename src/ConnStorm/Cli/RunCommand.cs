using System.CommandLine;
using System.Runtime.Versioning;
using ConnStorm.Running;
using ConnStorm.Scenarios;
using Spectre.Console;
using ConnStorm.Errors;

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

    private static readonly Option<ulong?> FdsPerProcessOption = new("--fds-per-process")
    {
        Description = "Descriptors each worker and sink process may use; a run needing more is split over more processes. Default: the RLIMIT_NOFILE hard limit as found.",
        HelpName = "N",
    };

    private static readonly Option<int?> WorkersOption = new("--workers")
    {
        Description = "Worker processes per run (and sink processes, unless the sink is no-accept). Default: as many as RLIMIT_NOFILE requires for load.connections.",
        HelpName = "N",
    };

    public static Command Create()
    {
        var command = new Command("run", "Run a scenario: open connections as it says, record every failure, write a results folder.")
        {
            ScenarioArgument, OutOption, SetOption, PlainOption, FdsPerProcessOption, WorkersOption,
        };
        command.SetAction(Execute);
        return command;
    }

    private static int Execute(ParseResult parse)
    {
        var file = parse.GetRequiredValue(ScenarioArgument);
        Scenario scenario;
        try
        {
            scenario = ScenarioLoader.Load(file.FullName, parse.GetValue(SetOption) ?? []);
        }
        catch (ScenarioException e)
        {
            Console.Error.WriteLine($"connstorm: {e.Message}");
            return ExitCodes.BadInput;
        }

        bool interactive = !parse.GetValue(PlainOption) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        var options = new RunOptions
        {
            OutDir = parse.GetValue(OutOption),
            ResultsRoot = Path.Combine(Directory.GetCurrentDirectory(), "results"),
            Interactive = interactive,
            FdsPerProcess = parse.GetValue(FdsPerProcessOption),
            Workers = parse.GetValue(WorkersOption),
            Exporters = ExporterSet.Default(),
        };
        var outcome = new ScenarioRunner(scenario, options, Console.Out).Run(CancellationToken.None);
        if (outcome.Error is not null)
        {
            Console.Error.WriteLine($"connstorm: {outcome.Error}");
        }
        if (outcome.Row is { } row)
        {
            string stop = row.FirstFailureErrno is { Length: > 0 } errno
                ? $"first failure {errno} in {row.FirstFailurePhase} with {row.FirstFailureAt} open"
                : "no failure";
            Console.WriteLine($"held {row.MaxEstablished} of {row.Attempted} attempts; {stop}");
            if (row.Interrupted)
            {
                Console.WriteLine("interrupted: the results hold everything measured until then");
            }
        }
        if (outcome.ResultsDir is not null && outcome.Row is not null)
        {
            Console.WriteLine($"results: {outcome.ResultsDir}");
        }
        return outcome.ExitCode;
    }
}
