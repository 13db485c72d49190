using System.CommandLine;
using ConnStorm.Errors;
using ConnStorm.Sink;

namespace ConnStorm.Cli;

/// <summary><c>connstorm sink</c>: runs the embedded target server on its own, in this namespace or in a lab.</summary>
/// <remarks>Creating the command works anywhere (so help lists it); running it needs Linux.</remarks>
public static class SinkCommand
{
    private static readonly Option<string[]> ListenOption = new("--listen")
    {
        Description = "Where to listen, ADDR:PORT or ADDR:PORT-PORT ([::1]:9000 for IPv6); repeatable. Required, no default.",
        Required = true,
        Arity = ArgumentArity.OneOrMore,
        HelpName = "ADDR:PORT[-PORT]",
    };

    private static readonly Option<int> BacklogOption = new Option<int>("--backlog")
    {
        Description = $"listen() backlog, at least 1; the kernel caps it at net.core.somaxconn.",
        DefaultValueFactory = _ => SinkOptions.DefaultBacklog,
    }.AtLeast(1);

    private static readonly Option<string> ModeOption = new Option<string>("--mode")
    {
        Description = "hold: accept and keep every connection; echo: accept and echo bytes back; " +
            "no-accept: never accept (connections wait in the accept queue); " +
            "close: accept and close first (after echoing --close-after bytes), so the TIME_WAIT is the sink's.",
        DefaultValueFactory = _ => "hold",
        HelpName = "hold|echo|no-accept|close",
    }.OneOf("hold", "echo", "no-accept", "close");

    private static readonly Option<bool> ReusePortOption = new("--reuseport")
    {
        Description = "Also set SO_REUSEPORT so several sinks can share a port. Default: false.",
        DefaultValueFactory = _ => false,
    };

    private static readonly Option<bool> ExitOnStdinEofOption = new("--exit-on-stdin-eof")
    {
        Description = "Stop when stdin reaches end of file, so a sink started by a run dies with it. Default: false.",
        DefaultValueFactory = _ => false,
        Hidden = true,
    };

    private static readonly Option<ulong?> MaxFdsOption = new Option<ulong?>("--max-fds")
    {
        Description = "Cap this sink's descriptors (soft RLIMIT_NOFILE) below the hard limit; used when a run splits its sink over processes. Default: the hard limit.",
        Hidden = true,
    }.AtLeast(1UL);

    private static readonly Option<int> CloseAfterOption = new Option<int>("--close-after")
    {
        Description = "With --mode close: echo this many bytes before closing (0: close at once).",
        DefaultValueFactory = _ => 0,
        Hidden = true,
    }.AtLeast(0);

    public static Command Create()
    {
        var command = new Command("sink", "Run the embedded target server: listen, accept (or not), hold or echo, until SIGINT, SIGTERM or SIGHUP.")
        {
            ListenOption, BacklogOption, ModeOption, ReusePortOption, ExitOnStdinEofOption, MaxFdsOption, CloseAfterOption,
        };
        command.SetAction(parse =>
        {
            if (!SinkHandler.TryBuildOptions(parse.GetValue(ListenOption) ?? [], parse.GetValue(BacklogOption), parse.GetValue(ModeOption) ?? "hold",
                parse.GetValue(ReusePortOption), out var options, out string error))
            {
                Console.Error.WriteLine($"connstorm sink: {error}");
                return ExitCodes.BadInput;
            }
            if (!OperatingSystem.IsLinux())
            {
                Console.Error.WriteLine("connstorm sink: not Linux: the sink uses epoll and raw Linux sockets");
                return ExitCodes.EnvironmentCannotRun;
            }
            var handler = new SinkHandler(options with { MaxDescriptors = parse.GetValue(MaxFdsOption), CloseAfterBytes = parse.GetValue(CloseAfterOption) },
                parse.GetValue(ExitOnStdinEofOption));
            return HandlerGuard.Run("connstorm sink", handler.Run);
        });
        return command;
    }
}
