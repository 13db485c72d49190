using System.CommandLine;
using System.Net;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using ConnStorm.Scenarios;
using ConnStorm.Errors;
using ConnStorm.Sink;

namespace ConnStorm.Cli;

/// <summary><c>connstorm sink</c>: runs the embedded target server on its own, in this namespace or in a lab.</summary>
/// <remarks>Creating the command works anywhere (so help lists it); running it needs Linux.</remarks>
public static class SinkCommand
{
    public static Command Create()
    {
        var listen = new Option<string[]>("--listen")
        {
            Description = "Where to listen, ADDR:PORT or ADDR:PORT-PORT ([::1]:9000 for IPv6); repeatable. Required, no default.",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
            HelpName = "ADDR:PORT[-PORT]",
        };
        var backlog = new Option<int>("--backlog")
        {
            Description = $"listen() backlog; the kernel caps it at net.core.somaxconn.",
            DefaultValueFactory = _ => SinkOptions.DefaultBacklog,
        };
        var mode = new Option<string>("--mode")
        {
            Description = "hold: accept and keep every connection; echo: accept and echo bytes back; " +
                "no-accept: never accept (connections wait in the accept queue); " +
                "close: accept and close first (after echoing --close-after bytes), so the TIME_WAIT is the sink's.",
            DefaultValueFactory = _ => "hold",
            HelpName = "hold|echo|no-accept|close",
        };
        var reusePort = new Option<bool>("--reuseport")
        {
            Description = "Also set SO_REUSEPORT so several sinks can share a port. Default: false.",
            DefaultValueFactory = _ => false,
        };
        var exitOnStdinEof = new Option<bool>("--exit-on-stdin-eof")
        {
            Description = "Stop when stdin reaches end of file, so a sink started by a run dies with it.",
            DefaultValueFactory = _ => false,
            Hidden = true,
        };

        var maxFds = new Option<ulong?>("--max-fds")
        {
            Description = "Cap this sink's descriptors (soft RLIMIT_NOFILE) below the hard limit; used when a run splits its sink over processes.",
            Hidden = true,
        };

        var closeAfter = new Option<int>("--close-after")
        {
            Description = "With --mode close: echo this many bytes before closing (0: close at once).",
            DefaultValueFactory = _ => 0,
            Hidden = true,
        };

        var command = new Command("sink", "Run the embedded target server: listen, accept (or not), hold or echo, until SIGINT/SIGTERM.")
        {
            listen,
            backlog,
            mode,
            reusePort,
            exitOnStdinEof,
            maxFds,
            closeAfter,
        };
        command.SetAction(r =>
        {
            if (!TryBuildOptions(r.GetValue(listen) ?? [], r.GetValue(backlog), r.GetValue(mode) ?? "hold", r.GetValue(reusePort), out var options, out string error))
            {
                Console.Error.WriteLine($"connstorm sink: {error}");
                return ExitCodes.BadInput;
            }
            if (!OperatingSystem.IsLinux())
            {
                Console.Error.WriteLine("connstorm sink: not Linux: the sink uses epoll and raw Linux sockets");
                return ExitCodes.EnvironmentCannotRun;
            }
            return RunUntilSignalled(options with { MaxDescriptors = r.GetValue(maxFds), CloseAfterBytes = Math.Max(0, r.GetValue(closeAfter)) }, r.GetValue(exitOnStdinEof));
        });
        return command;
    }

    /// <summary>Turns the command line's strings into options; false with a message on any bad value.</summary>
    public static bool TryBuildOptions(IEnumerable<string> listen, int backlog, string mode, bool reusePort, out SinkOptions options, out string error)
    {
        options = null!;
        var endpoints = new List<IPEndPoint>();
        foreach (string pattern in listen)
        {
            try
            {
                endpoints.AddRange(EndpointPattern.Expand(pattern));
            }
            catch (FormatException e)
            {
                error = $"--listen {e.Message}";
                return false;
            }
        }
        if (endpoints.Count == 0)
        {
            error = "--listen is required (for example --listen 127.0.0.1:9000)";
            return false;
        }
        if (backlog <= 0)
        {
            error = $"--backlog must be a positive number, not {backlog}";
            return false;
        }
        if (!SinkOptions.TryParseMode(mode, out var sinkMode))
        {
            error = $"--mode '{mode}' is not one of hold, echo, no-accept, close";
            return false;
        }
        options = new SinkOptions { Listen = endpoints, Backlog = backlog, Mode = sinkMode, ReusePort = reusePort };
        error = "";
        return true;
    }

    [SupportedOSPlatform("linux")]
    private static int RunUntilSignalled(SinkOptions options, bool exitOnStdinEof)
    {
        using var stop = new CancellationTokenSource();
        // Cancelling the default action keeps the runtime from exiting at once, so the loop ends,
        // the summary is printed and the exit code is 0.
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx => Stop(ctx, stop));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => Stop(ctx, stop));
        return Serve(options, Console.Out, Console.Error, exitOnStdinEof ? Console.OpenStandardInput() : null, stop);
    }

    private static void Stop(PosixSignalContext ctx, CancellationTokenSource stop)
    {
        ctx.Cancel = true;
        stop.Cancel();
    }

    /// <summary>
    /// Starts the sink, prints the one "listening" line, serves until <paramref name="stop"/> is cancelled or
    /// <paramref name="stdin"/> (when given) reaches EOF, prints the summary. Returns the exit code.
    /// </summary>
    [SupportedOSPlatform("linux")]
    internal static int Serve(SinkOptions options, TextWriter stdout, TextWriter stderr, Stream? stdin, CancellationTokenSource stop)
    {
        using var server = new SinkServer(options, stderr);
        try
        {
            server.Start();
        }
        catch (SinkException e)
        {
            stderr.WriteLine($"connstorm sink: {e.Message}");
            stderr.Flush();
            return ExitCodes.InternalError;
        }
        stdout.WriteLine(
            $"connstorm sink: listening on {server.BoundEndpoints.Count} sockets (mode {SinkOptions.ModeName(options.Mode)}, backlog {options.Backlog})");
        stdout.Flush();
        if (stdin is not null)
        {
            WatchForEof(stdin, stop);
        }
        server.Run(stop.Token);
        stdout.WriteLine($"connstorm sink: {server.Counters}");
        stdout.Flush();
        return ExitCodes.Ran;
    }

    /// <summary>
    /// The parent holds the write end of our stdin; when it dies, for any reason, the kernel closes that end
    /// and our read returns 0. A background thread, so a read still blocked at exit does not keep us alive.
    /// </summary>
    private static void WatchForEof(Stream stdin, CancellationTokenSource stop)
    {
        var thread = new Thread(() =>
        {
            var buffer = new byte[4096];
            try
            {
                while (stdin.Read(buffer) > 0)
                {
                    // Anything written to us is ignored; only EOF matters.
                }
            }
            catch (IOException)
            {
                // A broken stdin counts as EOF.
            }
            catch (ObjectDisposedException)
            {
            }
            try
            {
                stop.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The sink already stopped for another reason.
            }
        })
        {
            IsBackground = true,
            Name = "sink-stdin-eof",
        };
        thread.Start();
    }
}
