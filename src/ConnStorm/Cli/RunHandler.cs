using System.Runtime.Versioning;
using ConnStorm.Errors;
using ConnStorm.Platform;
using ConnStorm.Running;
using ConnStorm.Scenarios;
using Spectre.Console;

namespace ConnStorm.Cli;

/// <summary>`connstorm run`, its options parsed: loads the scenario, runs it until done or a signal, reports.</summary>
[SupportedOSPlatform("linux")]
internal sealed record RunHandler(FileInfo ScenarioFile, string? OutDir, IReadOnlyList<string> Set, bool Plain, ulong? FdsPerProcess, int? Workers)
{
    /// <summary>Set with --cluster: the run goes to the agents instead of this host.</summary>
    public Cluster.ClusterRequest? Cluster { get; init; }
    /// <summary>--memory-floor as given (parsed by Rules.MemoryFloor); null: the scenario's.</summary>
    public string? MemoryFloor { get; init; }
    public bool DryRun { get; init; }
    public bool NoFitCheck { get; init; }
    /// <summary>A bad combination of the cluster options (exit 2 before anything starts).</summary>
    public string? ClusterError { get; init; }

    public int Run(TextWriter output, TextWriter error)
    {
        if (ClusterError is not null)
        {
            error.WriteLine($"connstorm: {ClusterError} (see `connstorm run --help`)");
            return ExitCodes.BadInput;
        }
        Rules.MemoryFloor? floor = null;
        if (MemoryFloor is not null && (floor = Rules.MemoryFloor.TryParse(MemoryFloor)) is null)
        {
            error.WriteLine($"connstorm: --memory-floor: '{MemoryFloor}' is not {Rules.MemoryFloor.Expected}");
            return ExitCodes.BadInput;
        }
        Scenario scenario;
        try
        {
            scenario = ScenarioLoader.Load(ScenarioFile.FullName, Set);
        }
        catch (ScenarioException e)
        {
            error.WriteLine($"connstorm: {e.Message}");
            return ExitCodes.BadInput;
        }

        bool interactive = !Plain && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        var options = new RunOptions
        {
            OutDir = OutDir,
            ResultsRoot = Path.Combine(Directory.GetCurrentDirectory(), "results"),
            Interactive = interactive,
            FdsPerProcess = FdsPerProcess,
            Workers = Workers,
            Exporters = ExporterSet.Default(),
            MemoryFloor = floor,
            SkipFitCheck = NoFitCheck,
        };
        if (DryRun)
        {
            return RunPlan.Print(scenario, options, output, error);
        }
        using var signals = ShutdownSignals.Listen();
        var outcome = Cluster is { } cluster
            ? new Cluster.ClusterCoordinator(scenario, options, cluster, output).RunAsync(signals.Token).GetAwaiter().GetResult()
            : new ScenarioRunner(scenario, options, output).Run(signals.Token);
        if (outcome.Error is not null)
        {
            error.WriteLine($"connstorm: {outcome.Error}");
        }
        if (outcome.Row is { } row)
        {
            string stop = row.LimitMet == "memory" ? Exporters.RunText.MemoryFloorSentence(row)
                : row.FirstFailureErrno is { Length: > 0 } errno
                ? $"first failure {errno} in {row.FirstFailurePhase} with {row.FirstFailureAt} open"
                : "no failure";
            output.WriteLine($"held {row.MaxEstablished} of {row.Attempted} attempts; {stop}");
            if (row.Interrupted)
            {
                string by = signals.Received is { } s ? $" by {ShutdownSignals.Name(s)}" : "";
                output.WriteLine($"interrupted{by}: the results hold everything measured until then");
            }
        }
        if (outcome.ResultsDir is not null && outcome.Row is not null)
        {
            output.WriteLine($"results: {outcome.ResultsDir}");
        }
        return outcome.ExitCode;
    }
}
