using System.Diagnostics;
using ConnStorm.Results;
using ConnStorm.Scenarios;
using ConnStorm.Sockets;

namespace ConnStorm.Engine;

/// <summary>
/// What happens after the handshake: the echo check (client.verify), the churn's close in each
/// mode, the pings of held connections, and the TIME_WAIT samples. All of it works on the same
/// per-fd arrays and preallocated buffers as the connect path, so nothing is allocated per connection.
/// </summary>
public sealed partial class ConnectEngine
{
    /// <summary>All workers together ping at most this often, whatever the number of held connections.</summary>
    public const int MaxPingsPerSecond = 10_000;

    /// <summary>Pings a connection may have unanswered before it counts as dropped (ETIMEDOUT).</summary>
    private const int MaxUnanswered = 3;

    private readonly bool _churn;
    // Per fd: bytes of the echo received while verifying; pings unanswered while held.
    private readonly int[] _exchanged;
    private readonly int[] _handshakeUs;
    private readonly byte[] _payload;
    private readonly byte[] _scratch = new byte[4096];
    private long _pauseUntil;
    private bool _holding, _pinging;
    private double _pingBudget;
    private long _lastPingTicks;
    private int _pingCursor;
    private long _nextSampleTicks;

    /// <summary>Called with the run time (µs) every <see cref="WorkerPlan.SampleEvery"/>, on the engine's thread.</summary>
    public Action<long>? Sample { get; set; }

    /// <summary>The handshake is done: send the payload to verify, or count the connection now.</summary>
    private void Handshaken(int fd, long now)
    {
        long connectUs = (now - _startTicks[fd]) * 1_000_000 / Stopwatch.Frequency;
        SampleAtHandshake(fd, connectUs);
        if (_plan.VerifyBytes == 0)
        {
            Establish(fd, now, connectUs);
            return;
        }
        _handshakeUs[fd] = (int)Math.Min(int.MaxValue, connectUs);
        _exchanged[fd] = 0;
        _state[fd] = Verifying;
        // A payload of at most a few KiB fits a new socket's send buffer, so one write() sends it all.
        int w = RawSocket.Write(fd, _payload);
        if (w != _payload.Length)
        {
            FailVerify(fd, w < 0 ? -w : Errno.EAGAIN);
            return;
        }
        _epoll.Modify(fd, Epoll.In | Epoll.RdHup);
    }

    private void OnEcho(int fd)
    {
        for (int i = 0; i < 4; i++)
        {
            int n = RawSocket.Read(fd, _scratch);
            if (n == -Errno.EAGAIN)
            {
                return;
            }
            if (n <= 0)
            {
                // 0: the peer closed before echoing everything (a short read); < 0: reset or error.
                FailVerify(fd, n == 0 ? Errno.EOF : -n);
                return;
            }
            _exchanged[fd] += n;
            if (_exchanged[fd] >= _plan.VerifyBytes)
            {
                Establish(fd, Stopwatch.GetTimestamp(), _handshakeUs[fd]);
                return;
            }
        }
    }

    private void FailVerify(int fd, int errno)
    {
        RawSocket.LocalAddress(fd, out var bound);
        _state[fd] = Free;
        _inFlight--;
        _epoll.Remove(fd);
        RawSocket.Close(fd);
        Fail(_seqOf[fd], bound, _targetOf[fd], FailurePhase.Verify, errno);
    }

    /// <summary>
    /// A churned connection has counted; end it as the close mode says. client-fin: close() sends
    /// FIN first, so this side keeps the 4-tuple in TIME_WAIT for 60 s. client-rst: SO_LINGER {1,0}
    /// is already set, so close() sends RST and leaves no TIME_WAIT. server-first: wait for the
    /// sink's FIN (it closes first and keeps the TIME_WAIT), then close.
    /// </summary>
    private void CloseChurned(int fd)
    {
        _exchanged[fd] = 0;
        if (_plan.Close == CloseMode.ServerFirst)
        {
            _state[fd] = Closing;
            _closing++;
            _epoll.Modify(fd, Epoll.In | Epoll.RdHup);
            return;
        }
        _state[fd] = Free;
        _open--;
        _epoll.Remove(fd);
        RawSocket.Close(fd);
    }

    private void OnClosingReadable(int fd)
    {
        int n = RawSocket.Read(fd, _scratch);
        // Leftover bytes come before the EOF (level-triggered: the EOF is seen on a later wait).
        if (n > 0 || n == -Errno.EAGAIN)
        {
            return;
        }
        FinishClosing(fd);
    }

    private void FinishClosing(int fd)
    {
        _state[fd] = Free;
        _closing--;
        _open--;
        _epoll.Remove(fd);
        RawSocket.Close(fd);
    }

    /// <summary>Held connections start watching for readable data (ping answers) once the hold begins.</summary>
    private void StartPings()
    {
        _pinging = _plan.PingInterval > TimeSpan.Zero;
        if (!_pinging)
        {
            return;
        }
        _lastPingTicks = Stopwatch.GetTimestamp();
        for (int fd = 0; fd < _state.Length; fd++)
        {
            if (_state[fd] == Held)
            {
                _exchanged[fd] = 0;
                _epoll.Modify(fd, Epoll.In | Epoll.RdHup);
            }
        }
    }

    /// <summary>
    /// Sends the pings due since the last call, walking the held connections round-robin, so each
    /// gets one per interval spread evenly over it (capped at this worker's share of the maximum rate).
    /// </summary>
    private void Ping(long now)
    {
        if (!_pinging || _open == 0)
        {
            return;
        }
        double perSecond = Math.Min(_open / _plan.PingInterval.TotalSeconds, MaxPingsPerSecond / (double)_plan.WorkerCount);
        _pingBudget = Math.Min(_pingBudget + (now - _lastPingTicks) / (double)Stopwatch.Frequency * perSecond, perSecond);
        _lastPingTicks = now;
        for (int steps = 0; _pingBudget >= 1 && _open > 0 && steps < _state.Length; steps++)
        {
            _pingCursor = _pingCursor + 1 < _state.Length ? _pingCursor + 1 : 0;
            if (_state[_pingCursor] == Held)
            {
                _pingBudget--;
                PingOne(_pingCursor);
            }
        }
    }

    private void PingOne(int fd)
    {
        if (_exchanged[fd] >= MaxUnanswered)
        {
            DropHeld(fd, Errno.ETIMEDOUT);
            return;
        }
        int w = RawSocket.Write(fd, _payload.AsSpan(0, 1));
        if (w == 1)
        {
            _exchanged[fd]++;
        }
        else if (w < 0 && w != -Errno.EAGAIN)
        {
            DropHeld(fd, -w);
        }
    }

    private void OnPingAnswer(int fd)
    {
        int n = RawSocket.Read(fd, _scratch);
        if (n > 0)
        {
            _exchanged[fd] = Math.Max(0, _exchanged[fd] - n);
            return;
        }
        if (n != -Errno.EAGAIN)
        {
            // 0: the peer closed (FIN, recorded as EOF); < 0: ECONNRESET when it reset.
            DropHeld(fd, n == 0 ? Errno.EOF : -n);
        }
    }

    // Samples fall mid-interval, so a sample a little late still lands in its own timeline interval.
    private void StartSampling(long t0) => _nextSampleTicks = t0 + SampleTicks / 2;

    private long SampleTicks => Ticks(_plan.SampleEvery);

    private void MaybeSample(long now)
    {
        if (Sample is null || _plan.SampleEvery <= TimeSpan.Zero || now < _nextSampleTicks)
        {
            return;
        }
        Sample(Us(now));
        long every = Math.Max(1, SampleTicks);
        // The middle of the next interval after now.
        _nextSampleTicks = _t0 + ((now - _t0) / every + 1) * every + every / 2;
    }

    private int WaitForSampleMs(long now, int most) =>
        Sample is null || _plan.SampleEvery <= TimeSpan.Zero ? most
            : (int)Math.Clamp((_nextSampleTicks - now) * 1000 / Stopwatch.Frequency, 0, most);

    /// <summary>One connection in this many has its connect latency split into the kernel's share and ConnStorm's (TCP_INFO).</summary>
    public const int TcpInfoEvery = 16;

    private const byte NotSampled = 0, DoneInConnect = 1, PendingAtReturn = 2;

    /// <summary>Right after connect(): was the handshake already over (one getsockopt, sampled connections only)?</summary>
    private void SampleAtReturn(int fd, long seq, int rc, long returnTicks)
    {
        _retrans[fd] = 0;
        if (seq % TcpInfoEvery != 0)
        {
            _sampled[fd] = NotSampled;
            return;
        }
        _returnUs[fd] = (int)Math.Min(int.MaxValue, returnTicks * 1_000_000 / Stopwatch.Frequency);
        _sampled[fd] = rc == 0 || RawSocket.TcpInfo(fd, out var info) == 0 && info.State == TcpInfoFields.Established
            ? DoneInConnect : PendingAtReturn;
    }

    /// <summary>
    /// The kernel's share of <paramref name="connectUs"/>: the time inside bind() and connect(), plus,
    /// when the handshake was still pending as connect() returned, the time until the SYN-ACK came in
    /// (now minus tcpi_last_ack_recv, which counts in jiffies: 4 ms steps at HZ=250). The rest, from
    /// the handshake's end until this loop reaped it (and the socket() before connect()), is ConnStorm's.
    /// </summary>
    private void SampleAtHandshake(int fd, long connectUs)
    {
        if (_sampled[fd] == NotSampled)
        {
            return;
        }
        long kernel = _syscallUs[fd];
        if (_sampled[fd] == PendingAtReturn && RawSocket.TcpInfo(fd, out var info) == 0)
        {
            kernel += Math.Max(0, connectUs - info.LastAckRecvMs * 1000L - _returnUs[fd]);
            _retrans[fd] = (int)Math.Min(int.MaxValue, info.TotalRetrans);
        }
        _kernelUs[fd] = (int)Math.Clamp(kernel, 0, Math.Min(connectUs, int.MaxValue));
    }
}
