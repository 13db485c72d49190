using System.CommandLine;
using System.Runtime.Versioning;
using ConnStorm.Engine;

namespace ConnStorm.Cli;

/// <summary>The hidden <c>connstorm worker</c>: started by the runner, speaks the worker protocol on stdin/stdout.</summary>
[SupportedOSPlatform("linux")]
internal static class WorkerCommand
{
    public static Command Create()
    {
        var command = new Command("worker", "Internal: one worker process of a run (started by `connstorm run`).")
        {
            Hidden = true,
        };
        command.SetAction(_ => WorkerHost.Run(Console.In, Console.OpenStandardOutput()));
        return command;
    }
}
