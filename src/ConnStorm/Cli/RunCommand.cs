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
        Description = $"Worker processes per run, 1 to {ProcessBudget.MaxProcesses} (and as many sink processes, unless the sink is no-accept). Default: {ProcessBudget.WorkersPerCore} per core (Environment.ProcessorCount), at least {ProcessBudget.MinConnectionsPerCoreWorker} connections each, or more when RLIMIT_NOFILE requires it for load.connections.",
        HelpName = "N",
    }.Between(1, ProcessBudget.MaxProcesses);

    private static readonly Option<string?> MemoryFloorOption = new("--memory-floor")
    {
        Description = "Available memory (MemAvailable − SReclaimable: a held socket's inode and dentry are reclaimable slab that cannot be freed while it is open) the run keeps for the machine: while connecting, a run that takes it below this stops cleanly " +
            "(workers stop, results written, exit 0) and the summary names the limit. SIZE is bytes with K, M, G or T (powers of 1024), e.g. 2G or 512M, or a share of MemTotal, e.g. 15%. " +
            $"Default: load.memory_floor of the scenario, else {Rules.MemoryFloor.Default.Describe().Replace(": the default", "", StringComparison.Ordinal)}" +
            (Platform.MemInfo.Read() is { } mem ? $" (on this machine: {Rules.MemoryFloor.Size(Rules.MemoryFloor.Default.Resolve(mem.TotalBytes))} of {Rules.MemoryFloor.Size(mem.TotalBytes)})." : "."),
        HelpName = "SIZE",
    };

    private static readonly Option<bool> DryRunOption = new("--dry-run")
    {
        Description = "Print the plan of every run (processes, descriptors, ports per destination, the predicted limit, the ladder of limits of this host and the memory it expects, " +
            $"ConnStorm's and the kernel's, from a calibration: {Calibration.Size:N0} connections of the scenario's shape in a throwaway lab, measured) and exit without running. Default: false.",
    };

    private static readonly Option<bool> NoFitCheckOption = new("--no-fit-check")
    {
        Description = "Start runs whose plan does not fit this machine (more connections than memory above the floor or the file limit allow). " +
            $"Default: false: runs of at least {RunPlan.FitCheckFrom:N0} connections and `connections: max` are planned first (with a calibration), and one that cannot fit is refused before it starts, with exit code 3 and the reason.",
    };

    private static readonly Option<string?> ClusterOption = new("--cluster")
    {
        Description = "Run on a fleet of `connstorm agent`s through this NATS server (e.g. nats://10.0.0.1:4222): each run of the scenario is split across the agents and merged into one results folder. Default: none (a local run).",
        HelpName = "URL",
    };

    private static readonly Option<int?> AgentsOption = new Option<int?>("--agents")
    {
        Description = "With --cluster: wait for this many agents (any names). Default: the agents cluster.hosts names, else every agent that answers (at least one).",
        HelpName = "N",
    }.Between(1, 10_000);

    private static readonly Option<string[]> AgentOption = new("--agent")
    {
        Description = "With --cluster: wait for this agent (repeatable); the run uses exactly these. Default: none (see --agents).",
        Arity = ArgumentArity.ZeroOrMore,
        HelpName = "NAME",
        DefaultValueFactory = _ => [],
    };

    private static readonly Option<int> AgentsWaitOption = new Option<int>("--agents-wait")
    {
        Description = "With --cluster: seconds to wait for the agents before giving up (exit 3, naming who is missing), 1 to 3600.",
        DefaultValueFactory = _ => Cluster.ClusterRequest.DefaultWaitSeconds,
        HelpName = "SECONDS",
    }.AtLeast(1);

    private static readonly NatsOptions Nats = new();

    private static Cluster.ClusterRequest? ClusterArgs(ParseResult parse, out string? error)
    {
        error = null;
        string[] names = parse.GetValue(AgentOption) ?? [];
        if (parse.GetValue(ClusterOption) is not { } url)
        {
            bool clusterOnly = names.Length > 0 || parse.GetValue(AgentsOption) is not null || Nats.All.Any(o => parse.GetResult(o) is not null);
            error = clusterOnly ? "--agent, --agents and the NATS options go with --cluster URL" : null;
            return null;
        }
        if (names.Length > 0 && parse.GetValue(AgentsOption) is not null)
        {
            error = "--agents N and --agent NAME exclude each other";
            return null;
        }
        if (parse.GetValue(AgentsWaitOption) > 3600)
        {
            error = "--agents-wait: at most 3600 seconds";
            return null;
        }
        var settings = Nats.Build(parse, url, out error);
        return settings is null ? null : new Cluster.ClusterRequest(settings)
        {
            Agents = parse.GetValue(AgentsOption),
            AgentNames = names.Distinct(StringComparer.Ordinal).ToList(),
            Wait = TimeSpan.FromSeconds(parse.GetValue(AgentsWaitOption)),
        };
    }

    /// <summary>Twice the descriptors a process needs before its first connection.</summary>
    public const ulong MinFdsPerProcess = 2 * ProcessBudget.Reserve;

    public static Command Create()
    {
        var command = new Command("run", "Run a scenario: open connections as it says, record every failure, write a results folder.")
        {
            ScenarioArgument, OutOption, SetOption, PlainOption, FdsPerProcessOption, WorkersOption,
            MemoryFloorOption, DryRunOption, NoFitCheckOption, ClusterOption, AgentsOption, AgentOption, AgentsWaitOption,
        };
        foreach (var o in Nats.All)
        {
            command.Options.Add(o);
        }
        command.SetAction(parse => HandlerGuard.Run("connstorm", () => new RunHandler(
            parse.GetRequiredValue(ScenarioArgument),
            parse.GetValue(OutOption),
            parse.GetValue(SetOption) ?? [],
            parse.GetValue(PlainOption),
            parse.GetValue(FdsPerProcessOption),
            parse.GetValue(WorkersOption))
        {
            MemoryFloor = parse.GetValue(MemoryFloorOption),
            DryRun = parse.GetValue(DryRunOption),
            NoFitCheck = parse.GetValue(NoFitCheckOption),
            Cluster = ClusterArgs(parse, out string? clusterError),
            ClusterError = clusterError,
        }.Run(Console.Out, Console.Error)));
        return command;
    }
}
