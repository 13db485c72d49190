using System.CommandLine;
using ConnStorm.Cli;
using ConnStorm.Errors;
using ConnStorm.Platform;

if (!OperatingSystem.IsLinux())
{
    Console.Error.WriteLine("connstorm: measures the Linux kernel's TCP rules and runs on Linux only.");
    return ExitCodes.EnvironmentCannotRun;
}
// First, before anything holds on to Console.Out: after SIGHUP the terminal may be gone, and a
// failed progress line must not stop the results from being written.
SurvivingConsole.Install();

var root = new RootCommand("ConnStorm: how many TCP connections can this Linux host really open, and why does it stop where it stops?")
{
    RunCommand.Create(),
    SinkCommand.Create(),
    PlotCommand.Create(),
    ProbeCommand.Create(),
    ProbeCommand.CreateProbeRun(),
    CompareCommand.Create(),
    KernelsCommand.Create(),
    BenchCommand.Create(),
    WorkerCommand.Create(),
    AgentCommand.Create(),
    ClusterBenchCommand.Create(),
};

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    // One line per error, each naming the option or argument: exit 2 before anything started.
    var path = new List<string> { "connstorm" };
    for (var result = parse.CommandResult; result is not null && result.Command != root; result = result.Parent as System.CommandLine.Parsing.CommandResult)
    {
        path.Insert(1, result.Command.Name);
    }
    string help = $"see `{string.Join(' ', path)} --help`";
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine($"connstorm: {error.Message} ({help})");
    }
    return ExitCodes.BadInput;
}
// Commands that must write results before they exit hear SIGINT, SIGTERM and SIGHUP through ShutdownSignals.
return parse.Invoke(new InvocationConfiguration { ProcessTerminationTimeout = null });
