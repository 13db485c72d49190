using System.Runtime.Versioning;
using ConnStorm.Platform;
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
        return SinkHost.Serve(Options, Console.Out, Console.Error, ExitOnStdinEof ? Console.OpenStandardInput() : null, stop);
    }

    /// <summary>Turns the command line's strings into options; false with a message on any bad value.</summary>
    public static bool TryBuildOptions(IEnumerable<string> listen, int backlog, string mode, bool reusePort, out SinkOptions options, out string error) =>
        SinkHost.TryBuildOptions(listen, backlog, mode, reusePort, out options, out error);
}
