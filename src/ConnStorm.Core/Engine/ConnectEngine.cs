using System.Reflection;
using System.Runtime.CompilerServices;
using System.Diagnostics;
using System.Net;
using System.Runtime.Versioning;
using ConnStorm.Results;
using ConnStorm.Scenarios;
using ConnStorm.Sockets;
using static ConnStorm.Sockets.SocketOptions;

namespace ConnStorm.Engine;

/// <summary>
/// Opens a worker's share of connections with non-blocking connect() and one epoll loop
/// on one thread, making every socket call itself so each option is exactly as asked.
/// Per-descriptor state lives in arrays indexed by fd (an fd is always below
/// RLIMIT_NOFILE), so a held connection costs a few bytes of managed memory.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed partial class ConnectEngine : IDisposable
{
    // Verifying: handshake done, payload sent, echo awaited. Closing: counted, waiting for the sink's FIN (server-first churn).
    private const byte Free = 0, Connecting = 1, Held = 2, Verifying = 3, Closing = 4;
    private const int MaxBurst = 16;

    private readonly WorkerPlan _plan;
    private readonly IAttemptObserver _observer;
    private readonly SockAddr[] _targets;
    private readonly SockAddr[] _sourceIps;
    private readonly AttemptAddressing _addressing;
    private readonly Epoll _epoll = new(4096);

    private readonly byte[] _state;
    private readonly long[] _seqOf;
    private readonly long[] _startTicks;
    private readonly int[] _targetOf;
    private readonly int[] _syscallUs;
    // The latency split, for one connection in TcpInfoEvery: NotSampled, or sampled with the handshake
    // over by the time connect() returned (loopback: the SYN, SYN-ACK and ACK all run in connect()'s
    // own softirq) or still pending then; µs from the attempt's start to connect()'s return; the
    // kernel's share of connect_us once known (-1: not sampled) and the SYN's retransmits.
    private readonly byte[] _sampled;
    private readonly int[] _returnUs;
    private readonly int[] _kernelUs;
    private readonly int[] _retrans;
    // Connects in flight in the order they started: all share one timeout, so the oldest is at the head.
    private readonly Queue<(int Fd, long Seq)> _inFlightOrder = new();

    // _inFlight: connecting or verifying (each holds a port, none counted yet); _closing: counted, waiting for EOF.
    private long _open, _established, _failures, _attempted, _inFlight, _closing;
    private long _firstAttemptUs = -1, _lastOutcomeUs;
    private long _t0;
    private volatile bool _stopRequested;

    public ConnectEngine(WorkerPlan plan, IAttemptObserver observer, int maxFd)
    {
        _plan = plan;
        _observer = observer;
        _targets = plan.Targets.Select(SockAddr.From).ToArray();
        _sourceIps = plan.SourceIps.Select(ip => SockAddr.From(ip, 0)).ToArray();
        _addressing = new AttemptAddressing(_targets.Length, _sourceIps.Length, plan.SourcePorts?.Size ?? 0);
        _state = new byte[maxFd];
        _seqOf = new long[maxFd];
        _startTicks = new long[maxFd];
        _targetOf = new int[maxFd];
        _syscallUs = new int[maxFd];
        _sampled = new byte[maxFd];
        _returnUs = new int[maxFd];
        _kernelUs = new int[maxFd];
        _retrans = new int[maxFd];
        _exchanged = new int[maxFd];
        _handshakeUs = new int[maxFd];
        _payload = new byte[Math.Max(1, plan.VerifyBytes)];
        _payload.AsSpan().Fill((byte)'c');
        _churn = plan.Churn > TimeSpan.Zero;
    }

    public long Open => Interlocked.Read(ref _open);

    /// <summary>Called once, right after the first connect() returns (e.g. to leave the real-time class the start was waited in).</summary>
    public Action? AfterFirstConnect { get; set; }

    /// <summary>Ends the connect phase (or the hold) at the next turn of the loop; safe from any thread.</summary>
    public void RequestStop() => _stopRequested = true;

    public bool StopRequested => _stopRequested;

    /// <summary>
    /// Readies the first attempt's path before the start: every method of the engine and the socket layer compiled and the
    /// socket calls bound (socket, the client options, connect on no descriptor, close), so the first
    /// connect() after the start does not wait for the JIT (about 1 ms per worker on a busy 2-core
    /// host, paid by every worker at the same instant). Opens no connection.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026",
        Justification = "CompileAhead runs only where code is compiled at run time (the JIT worker); a NativeAOT worker has it all compiled already.")]
    public void WarmUp()
    {
        if (RuntimeFeature.IsDynamicCodeSupported)
        {
            CompileAhead();
        }
        if (_targets.Length == 0)
        {
            return;
        }
        int fd = RawSocket.OpenTcp(_targets[0].Family);
        if (fd >= 0)
        {
            _ = ClientSocketOptions.Apply(fd, _plan);
            RawSocket.Close(fd);
        }
        // EBADF: binds the connect() import without touching the network.
        _ = RawSocket.Connect(-1, _targets[0]);
        _ = Stopwatch.GetTimestamp();
    }

    /// <summary>
    /// The engine's loop reaches into the plan, the scenario's stop_on and the socket layer: all of
    /// those are compiled too (measured: the callees left cold cost 0.25 ms per worker at the start).
    /// </summary>
    [System.Diagnostics.CodeAnalysis.RequiresUnreferencedCode("Enumerates the engine's methods by reflection to JIT them.")]
    private static void CompileAhead()
    {
        var types = typeof(ConnectEngine).Assembly.GetTypes().Where(t => !t.ContainsGenericParameters &&
            t.Namespace is "ConnStorm.Engine" or "ConnStorm.Sockets" or "ConnStorm.Sockets.Interop")
            .Append(typeof(StopOn));
        foreach (var m in types.SelectMany(t => t.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)))
        {
            if (!m.IsAbstract && !m.ContainsGenericParameters && m.GetMethodBody() is not null)
            {
                RuntimeHelpers.PrepareMethod(m.MethodHandle);
            }
        }
    }

    /// <summary>Runs the connect phase. Times are reported relative to <paramref name="t0Ticks"/> (Stopwatch ticks, shared by all workers).</summary>
    public EngineOutcome Run(long t0Ticks)
    {
        _t0 = t0Ticks;
        long myAttempts = _plan.AttemptsForThisWorker;
        long next = 0;
        long timeoutTicks = Ticks(_plan.ConnectTimeout);
        long limitTicks = _t0 + Ticks(_plan.TimeLimit);
        double ticksPerAttempt = _plan.Rate > 0 ? Stopwatch.Frequency / _plan.Rate : 0;
        var reason = StopReason.Completed;
        bool issuing = true;
        long churnEnd = _plan.Churn is { } churn && _churn ? _t0 + Ticks(churn) : long.MaxValue;
        StartSampling(_t0);

        while (true)
        {
            long now = Stopwatch.GetTimestamp();
            if (issuing)
            {
                if (_stopRequested) { issuing = false; reason = StopReason.Stopped; }
                else if (now >= churnEnd) { issuing = false; }
                else if (now >= limitTicks) { issuing = false; reason = StopReason.TimeLimit; }
                else if (_plan.StopOn.IsReached(_failures)) { issuing = false; reason = StopReason.StopOn; }
                else if (next >= myAttempts) { issuing = false; }
            }

            // A burst is capped so completions are reaped between slow connect() calls (a port
            // search can take hundreds of µs): otherwise they would be seen, and timed, late.
            int burst = 0;
            while (issuing && next < myAttempts && _inFlight + _closing < _plan.Concurrency && burst++ < MaxBurst)
            {
                if (ticksPerAttempt > 0 && now < _t0 + (long)(next * ticksPerAttempt) || now < _pauseUntil)
                {
                    break;
                }
                long seq = _plan.WorkerIndex + next * _plan.WorkerCount;
                next++;
                Attempt(seq);
                if (_plan.StopOn.IsReached(_failures))
                {
                    issuing = false;
                    reason = StopReason.StopOn;
                }
            }

            if (!issuing && _inFlight == 0 && _closing == 0)
            {
                break;
            }
            // A churn's end does not wait longer than one connect_timeout for the exchanges still going.
            if (!issuing && _churn && now >= Math.Min(churnEnd, limitTicks) + timeoutTicks)
            {
                break;
            }
            // A stop from outside or the time limit does not wait for handshakes in flight.
            if (!issuing && (reason is StopReason.Stopped or StopReason.TimeLimit) && now >= limitTicks + timeoutTicks)
            {
                break;
            }

            int waitMs = 50;
            if (issuing && ticksPerAttempt > 0 && _inFlight + _closing < _plan.Concurrency)
            {
                long due = Math.Max(_t0 + (long)(next * ticksPerAttempt), _pauseUntil);
                waitMs = (int)Math.Clamp((due - now) * 1000 / Stopwatch.Frequency, 0, 50);
            }
            else if (issuing && _inFlight + _closing < _plan.Concurrency)
            {
                waitMs = (int)Math.Clamp((_pauseUntil - now) * 1000 / Stopwatch.Frequency, 0, 50);
            }
            int n = _epoll.Wait(WaitForSampleMs(now, waitMs));
            for (int i = 0; i < n; i++)
            {
                OnReady(_epoll.ReadyFd(i), _epoll.ReadyEvents(i));
            }
            ExpireTimeouts(Stopwatch.GetTimestamp(), timeoutTicks);
            MaybeSample(Stopwatch.GetTimestamp());
        }

        return new EngineOutcome(_attempted, _established, _failures, _open,
            Math.Max(0, _firstAttemptUs), _lastOutcomeUs, reason);
    }

    /// <summary>
    /// Keeps the open connections, recording any that drop (phase reset), until <paramref name="released"/>
    /// is set (every worker of the run has ended its connect phase) or a stop is requested.
    /// </summary>
    public void KeepUntil(ManualResetEventSlim released)
    {
        long timeoutTicks = Ticks(_plan.ConnectTimeout);
        while (!_stopRequested && !released.IsSet && _open > 0)
        {
            int n = _epoll.Wait(WaitForSampleMs(Stopwatch.GetTimestamp(), 10));
            for (int i = 0; i < n; i++)
            {
                OnReady(_epoll.ReadyFd(i), _epoll.ReadyEvents(i));
            }
            long now = Stopwatch.GetTimestamp();
            ExpireTimeouts(now, timeoutTicks);
            MaybeSample(now);
        }
    }

    /// <summary>Holds the open connections for <paramref name="duration"/>, recording any that drop (phase reset).</summary>
    public void Hold(TimeSpan duration)
    {
        long end = Stopwatch.GetTimestamp() + Ticks(duration);
        _holding = true;
        StartPings();
        long timeoutTicks = Ticks(_plan.ConnectTimeout);
        while (!_stopRequested && Stopwatch.GetTimestamp() < end && _open > 0)
        {
            // Pings are spread over the interval in small steps; otherwise wake for the next sample.
            int n = _epoll.Wait(_pinging ? 5 : WaitForSampleMs(Stopwatch.GetTimestamp(), 100));
            for (int i = 0; i < n; i++)
            {
                OnReady(_epoll.ReadyFd(i), _epoll.ReadyEvents(i));
            }
            long now = Stopwatch.GetTimestamp();
            // Echo checks still under way when the connect phase ended keep their deadline.
            ExpireTimeouts(now, timeoutTicks);
            Ping(now);
            MaybeSample(now);
        }
    }

    private void Attempt(long seq)
    {
        _attempted++;
        long started = Stopwatch.GetTimestamp();
        if (_firstAttemptUs < 0)
        {
            _firstAttemptUs = Us(started);
        }
        int targetIndex = _addressing.TargetIndex(seq);
        ref readonly SockAddr target = ref _targets[targetIndex];
        var source = default(SockAddr);

        int fd = RawSocket.OpenTcp(target.Family);
        if (fd < 0)
        {
            Fail(seq, source, targetIndex, FailurePhase.Socket, -fd);
            return;
        }
        if (fd >= _state.Length)
        {
            RawSocket.Close(fd);
            Fail(seq, source, targetIndex, FailurePhase.Socket, Errno.EMFILE);
            return;
        }

        int rc = ClientSocketOptions.Apply(fd, _plan);
        if (rc < 0)
        {
            RawSocket.Close(fd);
            Fail(seq, source, targetIndex, FailurePhase.SetSockOpt, -rc);
            return;
        }

        long syscallTicks = 0;
        if (_plan.BindBeforeConnect)
        {
            source = BindAddress(seq, target.Family);
            long beforeBind = Stopwatch.GetTimestamp();
            rc = RawSocket.Bind(fd, source);
            syscallTicks = Stopwatch.GetTimestamp() - beforeBind;
            if (rc < 0)
            {
                RawSocket.Close(fd);
                Fail(seq, source, targetIndex, FailurePhase.Bind, -rc);
                return;
            }
        }

        long beforeConnect = Stopwatch.GetTimestamp();
        rc = RawSocket.Connect(fd, target);
        long afterConnect = Stopwatch.GetTimestamp();
        syscallTicks += afterConnect - beforeConnect;
        if (_attempted == 1)
        {
            AfterFirstConnect?.Invoke();
        }
        _syscallUs[fd] = (int)Math.Min(int.MaxValue, syscallTicks * 1_000_000 / Stopwatch.Frequency);
        if (rc != 0 && rc != -Errno.EINPROGRESS)
        {
            RawSocket.LocalAddress(fd, out var bound);
            RawSocket.Close(fd);
            Fail(seq, bound.Length > 0 ? bound : source, targetIndex, FailurePhase.Connect, -rc);
            return;
        }
        SampleAtReturn(fd, seq, rc, afterConnect - started);
        _state[fd] = Connecting;
        _seqOf[fd] = seq;
        _startTicks[fd] = started;
        _targetOf[fd] = targetIndex;
        _inFlight++;
        _inFlightOrder.Enqueue((fd, seq));
        if (rc == 0)
        {
            // Connected at once (possible on loopback): the handshake is already done.
            _epoll.Add(fd, Epoll.RdHup);
            Handshaken(fd, Stopwatch.GetTimestamp());
            return;
        }
        // Registered once for the connection's whole life: edge-triggered, the handshake's end (OUT)
        // is reported once, and later only a drop (RDHUP, HUP, ERR) wakes the loop again, so an
        // established connection needs no second epoll_ctl (MOD) to stop reporting writability.
        _epoll.Add(fd, Epoll.Out | Epoll.RdHup | Epoll.EdgeTriggered);
    }

    private SockAddr BindAddress(long seq, int family)
    {
        int ipIndex = _addressing.SourceIpIndex(seq);
        int portOffset = _addressing.SourcePortOffset(seq);
        int port = portOffset < 0 || _plan.SourcePorts is not { } ports ? 0 : ports.Lo + portOffset;
        if (ipIndex >= 0)
        {
            var a = _sourceIps[ipIndex];
            return port == 0 ? a : SockAddr.From(a.Address, port);
        }
        return SockAddr.From(family == AF_INET6 ? IPAddress.IPv6Any : IPAddress.Any, port);
    }

    private void OnReady(int fd, uint events)
    {
        byte state = _state[fd];
        if (state == Connecting)
        {
            long now = Stopwatch.GetTimestamp();
            int err = RawSocket.PendingError(fd);
            if (err == 0)
            {
                Handshaken(fd, now);
                // Edge-triggered: a FIN or RST that came with the handshake's own event is reported
                // only this once, so a connection it ends is dropped now, not never.
                if (_state[fd] == Held && (events & (Epoll.RdHup | Epoll.Hup | Epoll.Err)) != 0)
                {
                    DropHeld(fd, RawSocket.PendingError(fd));
                }
            }
            else
            {
                _inFlight--;
                RawSocket.LocalAddress(fd, out var bound);
                _state[fd] = Free;
                _epoll.Remove(fd);
                RawSocket.Close(fd);
                Fail(_seqOf[fd], bound, _targetOf[fd], FailurePhase.Connect, err);
            }
        }
        else if (state == Verifying)
        {
            OnEcho(fd);
        }
        else if (state == Closing)
        {
            OnClosingReadable(fd);
        }
        else if (state == Held && _pinging && (events & Epoll.In) != 0)
        {
            OnPingAnswer(fd);
        }
        else if (state == Held && (events & (Epoll.RdHup | Epoll.Hup | Epoll.Err)) != 0)
        {
            // SO_ERROR is ECONNRESET after an RST; 0 means the peer closed with FIN (recorded as EOF).
            DropHeld(fd, RawSocket.PendingError(fd));
        }
    }

    /// <summary>A held connection is gone: phase reset while connecting, hold once the hold has begun.</summary>
    private void DropHeld(int fd, int errno)
    {
        RawSocket.LocalAddress(fd, out var bound);
        _state[fd] = Free;
        _open--;
        _epoll.Remove(fd);
        RawSocket.Close(fd);
        _failures++;
        _observer.Failed(_seqOf[fd], Us(Stopwatch.GetTimestamp()), bound, _targetOf[fd],
            _holding ? FailurePhase.Hold : FailurePhase.Reset, errno, _open);
    }

    /// <summary>The connection counts: reported with its handshake time as connect_us; churn then closes it.</summary>
    private void Establish(int fd, long now, long connectUs)
    {
        _state[fd] = Held;
        _inFlight--;
        _open++;
        _established++;
        long tUs = Us(now);
        _lastOutcomeUs = tUs;
        // getsockname() only when the source is recorded (connections.csv): one syscall per connection less otherwise.
        var source = default(SockAddr);
        if (_plan.ReportConnections)
        {
            RawSocket.LocalAddress(fd, out source);
        }
        _observer.Established(_seqOf[fd], tUs, source, _targetOf[fd], connectUs, _syscallUs[fd], _open,
            _sampled[fd] == NotSampled ? -1 : _kernelUs[fd], _retrans[fd]);
        if (_churn)
        {
            CloseChurned(fd);
        }
    }

    private void ExpireTimeouts(long now, long timeoutTicks)
    {
        while (_inFlightOrder.TryPeek(out var head))
        {
            byte state = _state[head.Fd];
            if (state is not (Connecting or Verifying or Closing) || _seqOf[head.Fd] != head.Seq)
            {
                _inFlightOrder.Dequeue();
                continue;
            }
            if (now - _startTicks[head.Fd] < timeoutTicks)
            {
                break;
            }
            _inFlightOrder.Dequeue();
            int fd = head.Fd;
            if (state == Closing)
            {
                // The sink never closed: close from this side (a fallback; the sink's close mode always closes).
                FinishClosing(fd);
                continue;
            }
            RawSocket.LocalAddress(fd, out var bound);
            _state[fd] = Free;
            _inFlight--;
            _epoll.Remove(fd);
            RawSocket.Close(fd);
            Fail(head.Seq, bound, _targetOf[fd], state == Verifying ? FailurePhase.Verify : FailurePhase.Timeout, Errno.ETIMEDOUT);
        }
    }

    private void Fail(long seq, in SockAddr source, int targetIndex, FailurePhase phase, int errno)
    {
        _failures++;
        long now = Stopwatch.GetTimestamp();
        long tUs = Us(now);
        _lastOutcomeUs = tUs;
        if (_churn)
        {
            // A failed attempt freed no port: retrying at once would only repeat it. The pause keeps a
            // churn against a full port space to about 100 failures per second, sampled rather than hammered.
            _pauseUntil = now + Stopwatch.Frequency / 100;
        }
        // Connects still in their handshake already hold their source port, so they count as open.
        _observer.Failed(seq, tUs, source, targetIndex, phase, errno, _open + _inFlight);
    }

    private long Us(long ticks) => (ticks - _t0) * 1_000_000 / Stopwatch.Frequency;

    private static long Ticks(TimeSpan duration) => (long)(duration.TotalSeconds * Stopwatch.Frequency);

    /// <summary>Closes every held connection; with linger_rst set each close sends RST.</summary>
    public void CloseAll()
    {
        for (int fd = 0; fd < _state.Length; fd++)
        {
            if (_state[fd] != Free)
            {
                RawSocket.Close(fd);
                _state[fd] = Free;
            }
        }
        _open = 0;
        _inFlight = 0;
        _closing = 0;
    }

    public void Dispose()
    {
        CloseAll();
        _epoll.Dispose();
    }
}
