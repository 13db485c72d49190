using ConnStorm.Engine;
using ConnStorm.Errors;
using ConnStorm.Platform;
using ConnStorm.Sink;

// connstorm-worker: the small process a run starts many of (workers, sinks). No command-line library,
// no YAML, no plotting: only what `connstorm worker` and `connstorm sink` run, compiled ahead of time.
if (!OperatingSystem.IsLinux())
{
    Console.Error.WriteLine("connstorm-worker: runs on Linux only.");
    return ExitCodes.EnvironmentCannotRun;
}
SurvivingConsole.Install();
switch (args.Length > 0 ? args[0] : "")
{
    case "worker" when args.Length == 1:
        return WorkerHost.Run(Console.In, Console.OpenStandardOutput());
    case "sink":
        if (!SinkHost.TryParse(args[1..], out var options, out bool exitOnEof, out string error))
        {
            Console.Error.WriteLine($"connstorm sink: {error}");
            return ExitCodes.BadInput;
        }
        using (var signals = ShutdownSignals.Listen())
        using (var stop = CancellationTokenSource.CreateLinkedTokenSource(signals.Token))
        {
            return SinkHost.Serve(options, Console.Out, Console.Error, exitOnEof ? Console.OpenStandardInput() : null, stop);
        }
    default:
        Console.Error.WriteLine("usage: connstorm-worker worker | connstorm-worker sink --listen ADDR:PORT[-PORT] ... (started by `connstorm run`)");
        return ExitCodes.BadInput;
}
