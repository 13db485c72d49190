using ConnStorm.Results;
using ConnStorm.Sockets;

namespace ConnStorm.Engine;

/// <summary>Receives the engine's events on the engine's own thread; must not block for long.</summary>
public interface IAttemptObserver
{
    /// <summary>
    /// <paramref name="syscallUs"/>: time inside bind() and connect(), where the kernel picks the port.
    /// <paramref name="kernelUs"/>: the kernel's share of <paramref name="connectUs"/> for a sampled
    /// connection (see ConnectEngine.TcpInfoEvery), -1 for the others; <paramref name="retransmits"/>: the SYN's.
    /// </summary>
    void Established(long seq, long tUs, in SockAddr source, int targetIndex, long connectUs, long syscallUs, long open, long kernelUs = -1, int retransmits = 0);

    /// <summary>
    /// <paramref name="source"/> is the address the socket had (or was meant to bind), possibly empty;
    /// <paramref name="open"/> counts established connections plus connects in flight (each holds a port).
    /// </summary>
    void Failed(long seq, long tUs, in SockAddr source, int targetIndex, FailurePhase phase, int errno, long open);
}
