using System.CommandLine;
using ConnStorm.Cli;
using ConnStorm.Compare;
using ConnStorm.Kernels;
using ConnStorm.Sink;
using ConnStorm.Errors;

if (!OperatingSystem.IsLinux())
{
    Console.Error.WriteLine("connstorm: measures the Linux kernel's TCP rules and runs on Linux only.");
    return ExitCodes.EnvironmentCannotRun;
}

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
};

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine($"connstorm: {error.Message}");
    }
    Console.Error.WriteLine("See `connstorm --help`.");
    return ExitCodes.BadInput;
}
// Each command owns SIGINT/SIGTERM itself (results must be written before exit).
return parse.Invoke(new InvocationConfiguration { ProcessTerminationTimeout = null });
