using System.Net;
using System.Runtime.Versioning;
using ConnStorm.Errors;
using ConnStorm.Platform;
using ConnStorm.Scenarios;
using ConnStorm.Sink;

namespace ConnStorm.Cli;

/// <summary>`connstorm sink`, its options parsed: serves until SIGINT, SIGTERM, SIGHUP or (when asked) stdin EOF.</summary>
public sealed record SinkHandler(SinkOptions Options, bool ExitOnStdinEof)
{
    [SupportedOSPlatform("linux")]
    public int Run()
    {
        using var signals = ShutdownSignals.Listen();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(signals.Token);
        return Serve(Options, Console.Out, Console.Error, ExitOnStdinEof ? Console.OpenStandardInput() : null, stop);
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
            error = $"--backlog must be at least 1, not {backlog}";
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

    /// <summary>
    /// Starts the sink, prints the one "listening" line, serves until <paramref name="stop"/> is cancelled or
    /// <paramref name="stdin"/> (when given) reaches EOF, prints the summary. Returns the exit code:
    /// 3 when an address cannot be listened on (taken, not on this host), the message naming it.
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
            return ExitCodes.EnvironmentCannotRun;
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
