using ConnStorm.Sockets;

namespace ConnStorm.Results;

/// <summary>Where in its life an attempt failed.</summary>
public enum FailurePhase
{
    Socket,
    SetSockOpt,
    Bind,
    Connect,
    /// <summary>No answer within connect_timeout (recorded as ETIMEDOUT).</summary>
    Timeout,
    /// <summary>An established connection dropped before the hold (ECONNRESET, or EOF when the peer closed).</summary>
    Reset,
    /// <summary>client.verify: the echo did not come back whole (EOF, ECONNRESET, or ETIMEDOUT after connect_timeout).</summary>
    Verify,
    /// <summary>A held connection dropped during the hold (ECONNRESET or EOF; ETIMEDOUT when pings went unanswered).</summary>
    Hold,
}

public static class FailurePhaseNames
{
    public static string ToName(this FailurePhase phase) => phase switch
    {
        FailurePhase.Socket => "socket",
        FailurePhase.SetSockOpt => "setsockopt",
        FailurePhase.Bind => "bind",
        FailurePhase.Connect => "connect",
        FailurePhase.Timeout => "timeout",
        FailurePhase.Verify => "verify",
        FailurePhase.Hold => "hold",
        _ => "reset",
    };

    public static FailurePhase Parse(string name) => name switch
    {
        "socket" => FailurePhase.Socket,
        "setsockopt" => FailurePhase.SetSockOpt,
        "bind" => FailurePhase.Bind,
        "connect" => FailurePhase.Connect,
        "timeout" => FailurePhase.Timeout,
        "reset" => FailurePhase.Reset,
        "verify" => FailurePhase.Verify,
        "hold" => FailurePhase.Hold,
        _ => throw new FormatException($"unknown failure phase '{name}'"),
    };
}

/// <summary>
/// One established connection. Times are from the run's first attempt. ConnectUs runs from the
/// connect() call to the handshake seen done; SyscallUs is the time spent inside bind() and
/// connect() themselves, where the kernel searches for a free port.
/// </summary>
public sealed record ConnectionRecord(long Seq, double TMs, string Source, string Target, long ConnectUs, long SyscallUs = 0);

/// <summary>
/// For a connection sampled with TCP_INFO (one in 16): the kernel's share of its connect latency
/// (inside bind()/connect(), then the handshake until the SYN-ACK came in) and the SYN's retransmits.
/// The rest is ConnStorm's: the time until its loop noticed. Not a connections.csv column.
/// </summary>
public readonly record struct KernelShare(long KernelUs, int Retransmits);

/// <summary>One failure event: an attempt that failed, or a held connection that dropped.</summary>
public sealed record FailureRecord(double TMs, long Seq, long OpenAtFailure, string Target, string Source, FailurePhase Phase, int Errno)
{
    /// <summary>A connection that had counted as established went away (it is no longer open).</summary>
    public bool IsDrop => Phase is FailurePhase.Reset or FailurePhase.Hold;

    public string ErrnoName => Sockets.Errno.Name(Errno);
}
