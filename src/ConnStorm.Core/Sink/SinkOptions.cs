using System.Net;
using ConnStorm.Scenarios;

namespace ConnStorm.Sink;

/// <summary>What the embedded target server listens on and how it treats connections.</summary>
public sealed record SinkOptions
{
    public const int DefaultBacklog = 65535;

    /// <summary>One listener per endpoint. Port 0 asks the kernel for a free port (see <see cref="SinkServer.BoundEndpoints"/>).</summary>
    public required IReadOnlyList<IPEndPoint> Listen { get; init; }

    /// <summary>listen() backlog; the kernel silently caps it at net.core.somaxconn. Default 65535.</summary>
    public int Backlog { get; init; } = DefaultBacklog;

    public SinkMode Mode { get; init; } = SinkMode.Hold;

    /// <summary>Also set SO_REUSEPORT, so several sinks can share a port. Default false.</summary>
    public bool ReusePort { get; init; }

    /// <summary>Descriptors this sink may use (its soft RLIMIT_NOFILE); null: the hard limit. Set when a run spreads its sink over processes.</summary>
    public ulong? MaxDescriptors { get; init; }

    /// <summary>Close mode: bytes to echo before closing (the client's payload when it verifies); 0: close right after accept().</summary>
    public int CloseAfterBytes { get; init; }

    public static SinkOptions From(SinkSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new SinkOptions { Listen = spec.Listen, Backlog = spec.Backlog, Mode = spec.Mode, ReusePort = spec.ReusePort };
    }

    /// <summary>The mode as written on the command line and in summaries: hold, echo, no-accept.</summary>
    public static string ModeName(SinkMode mode) => mode switch
    {
        SinkMode.Hold => "hold",
        SinkMode.Echo => "echo",
        SinkMode.NoAccept => "no-accept",
        SinkMode.Close => "close",
        _ => mode.ToString().ToLowerInvariant(),
    };

    public static bool TryParseMode(string text, out SinkMode mode)
    {
        foreach (var m in Enum.GetValues<SinkMode>())
        {
            if (string.Equals(ModeName(m), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                mode = m;
                return true;
            }
        }
        mode = SinkMode.Hold;
        return false;
    }
}
