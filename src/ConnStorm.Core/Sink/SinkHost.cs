using System.Globalization;
using System.Net;
using System.Runtime.Versioning;
using ConnStorm.Errors;
using ConnStorm.Scenarios;

namespace ConnStorm.Sink;

/// <summary>
/// The body of a sink process: <c>connstorm sink</c> and the small <c>connstorm-worker sink</c> both
/// end here, so a run's sink behaves the same whichever binary started it.
/// </summary>
public static class SinkHost
{
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
    /// The arguments a run gives its sink processes (Running/Experiment builds them), parsed without
    /// System.CommandLine for the small worker binary: --listen (repeatable), --backlog, --mode,
    /// --reuseport, --exit-on-stdin-eof, --max-fds, --close-after. False with a message naming the option.
    /// </summary>
    public static bool TryParse(IReadOnlyList<string> args, out SinkOptions options, out bool exitOnStdinEof, out string error)
    {
        var listen = new List<string>();
        int backlog = SinkOptions.DefaultBacklog;
        string mode = "hold";
        bool reusePort = false;
        ulong? maxFds = null;
        int closeAfter = 0;
        exitOnStdinEof = false;
        options = null!;
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            if (name is "--reuseport" or "--exit-on-stdin-eof")
            {
                reusePort |= name == "--reuseport";
                exitOnStdinEof |= name == "--exit-on-stdin-eof";
                continue;
            }
            if (i + 1 >= args.Count)
            {
                error = $"{name} needs a value";
                return false;
            }
            string value = args[++i];
            bool ok = name switch
            {
                "--listen" => Add(listen, value),
                "--backlog" => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out backlog),
                "--mode" => Set(out mode, value),
                "--max-fds" => ulong.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out ulong fds) && fds > 0 && Set(out maxFds, fds),
                "--close-after" => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out closeAfter) && closeAfter >= 0,
                _ => false,
            };
            if (!ok)
            {
                error = $"{name} {value}: not an option of a sink process, or not a valid value for it";
                return false;
            }
        }
        if (!TryBuildOptions(listen, backlog, mode, reusePort, out var built, out error))
        {
            return false;
        }
        options = built with { MaxDescriptors = maxFds, CloseAfterBytes = closeAfter };
        return true;
    }

    private static bool Add(List<string> list, string value)
    {
        list.Add(value);
        return true;
    }

    private static bool Set<T>(out T field, T value)
    {
        field = value;
        return true;
    }

    /// <summary>
    /// Starts the sink, prints the one "listening" line, serves until <paramref name="stop"/> is cancelled or
    /// <paramref name="stdin"/> (when given) reaches EOF, prints the summary. Returns the exit code:
    /// 3 when an address cannot be listened on (taken, not on this host), the message naming it.
    /// </summary>
    [SupportedOSPlatform("linux")]
    public static int Serve(SinkOptions options, TextWriter stdout, TextWriter stderr, Stream? stdin, CancellationTokenSource stop)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(stop);
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
