using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using ConnStorm.Scenarios;
using ConnStorm.Sockets;
using static ConnStorm.Sockets.SocketOptions;
using ConnStorm.Platform;

namespace ConnStorm.Sink;

/// <summary>
/// The embedded target: listeners on raw non-blocking sockets and one level-triggered epoll loop.
/// Hold keeps every accepted connection until the peer goes; Echo writes back what it reads;
/// NoAccept never calls accept(), so the kernel completes handshakes into the accept queue
/// (up to the backlog) and the sink holds no descriptor per connection.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class SinkServer : IDisposable
{
    /// <summary>Upper bound on one epoll_wait, so cancellation is seen within this time.</summary>
    public const int MaxWaitMs = 100;

    /// <summary>Accepts per listener per wakeup: bounded so one busy listener cannot starve the rest.</summary>
    private const int AcceptBurst = 1024;

    /// <summary>Reads per echo connection per wakeup (level-triggered: the rest comes next round).</summary>
    private const int ReadBurst = 16;

    private const int BufferSize = 64 * 1024;

    private readonly SinkOptions _options;
    private readonly TextWriter _log;
    private readonly List<int> _listeners = [];
    private readonly HashSet<int> _listenerSet = [];
    private readonly List<IPEndPoint> _bound = [];
    private readonly Dictionary<int, EchoState?> _connections = [];
    private readonly AcceptPause _pause = new();
    private readonly byte[] _buffer = new byte[BufferSize];
    private Epoll? _epoll;
    private int _disposed;

    public SinkServer(SinkOptions options, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Listen.Count == 0)
        {
            throw new ArgumentException("a sink needs at least one endpoint to listen on", nameof(options));
        }
        if (options.Backlog <= 0)
        {
            throw new ArgumentException($"backlog must be positive, not {options.Backlog}", nameof(options));
        }
        _options = options;
        _log = log ?? Console.Error;
    }

    public SinkCounters Counters { get; } = new();

    public SinkOptions Options => _options;

    /// <summary>Where the listeners actually are after <see cref="Start"/> (port 0 resolved to the kernel's choice).</summary>
    public IReadOnlyList<IPEndPoint> BoundEndpoints => _bound;

    /// <summary>Creates, binds and starts every listener; on any failure closes those made so far and throws <see cref="SinkException"/>.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_epoll is not null)
        {
            throw new InvalidOperationException("the sink is already started");
        }
        // Held connections are descriptors; the default soft limit (often 1024) would cap the experiment, not the kernel.
        FileDescriptorLimit.RaiseThenCap(_options.MaxDescriptors);
        try
        {
            foreach (var ep in _options.Listen)
            {
                int fd = OpenListener(ep);
                _listeners.Add(fd);
                _listenerSet.Add(fd);
                RawSocket.LocalAddress(fd, out var local);
                _bound.Add(local.ToEndPoint());
            }
            _epoll = new Epoll();
        }
        catch
        {
            CloseAll();
            throw;
        }
    }

    /// <summary>Serves until <paramref name="ct"/> is cancelled. Call once, after <see cref="Start"/>, on one thread.</summary>
    public void Run(CancellationToken ct)
    {
        var epoll = _epoll ?? throw new InvalidOperationException("Start() the sink before Run()");
        if (_options.Mode != SinkMode.NoAccept)
        {
            WatchListeners(epoll);
        }
        while (!ct.IsCancellationRequested)
        {
            long now = Environment.TickCount64;
            if (_pause.TryEnd(now))
            {
                WatchListeners(epoll);
            }
            int n = epoll.Wait(_pause.WaitBudgetMs(now, MaxWaitMs));
            for (int i = 0; i < n; i++)
            {
                int fd = epoll.ReadyFd(i);
                uint events = epoll.ReadyEvents(i);
                if (_listenerSet.Contains(fd))
                {
                    if (!_pause.IsPaused)
                    {
                        AcceptAll(epoll, fd);
                    }
                }
                else if (_connections.TryGetValue(fd, out var echo))
                {
                    if (echo is null)
                    {
                        // Hold mode watches only for the peer leaving (RDHUP, HUP, ERR): any event means close.
                        CloseConnection(epoll, fd);
                    }
                    else
                    {
                        ServeEcho(epoll, fd, echo, events);
                    }
                }
            }
        }
    }

    /// <summary>Closes every connection and listener. Call after <see cref="Run"/> has returned.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            CloseAll();
        }
    }

    private int OpenListener(IPEndPoint ep)
    {
        bool v6 = ep.AddressFamily == AddressFamily.InterNetworkV6;
        int fd = RawSocket.OpenTcp(v6 ? AF_INET6 : AF_INET);
        if (fd < 0)
        {
            throw Fail(ep, "socket", -fd);
        }
        // SO_REUSEADDR lets a restarted sink bind while old connections sit in TIME_WAIT;
        // SO_REUSEPORT (only on request) is what lets two live listeners share a port.
        int rc = RawSocket.SetInt(fd, SOL_SOCKET, SO_REUSEADDR, 1);
        if (rc == 0 && _options.ReusePort)
        {
            rc = RawSocket.SetInt(fd, SOL_SOCKET, SO_REUSEPORT, 1);
        }
        // A v6 listener on :: would otherwise also claim the v4 port (net.ipv6.bindv6only defaults to 0).
        if (rc == 0 && v6)
        {
            rc = RawSocket.SetInt(fd, SOL_IPV6, IPV6_V6ONLY, 1);
        }
        if (rc < 0)
        {
            RawSocket.Close(fd);
            throw Fail(ep, "setsockopt", -rc);
        }
        rc = RawSocket.Bind(fd, SockAddr.From(ep));
        if (rc < 0)
        {
            RawSocket.Close(fd);
            throw Fail(ep, "bind", -rc);
        }
        rc = RawSocket.Listen(fd, _options.Backlog);
        if (rc < 0)
        {
            RawSocket.Close(fd);
            throw Fail(ep, "listen", -rc);
        }
        return fd;
    }

    private static SinkException Fail(IPEndPoint ep, string call, int errno) =>
        new($"cannot listen on {SockAddr.Format(ep.Address, ep.Port)}: {call} failed with {Errno.Name(errno)} ({Errno.Meaning(errno)})", ep, errno);

    private void WatchListeners(Epoll epoll)
    {
        foreach (int fd in _listeners)
        {
            epoll.Add(fd, Epoll.In);
        }
    }

    private void UnwatchListeners(Epoll epoll)
    {
        foreach (int fd in _listeners)
        {
            epoll.Remove(fd);
        }
    }

    private void AcceptAll(Epoll epoll, int listener)
    {
        bool echoes = _options.Mode == SinkMode.Echo || _options.Mode == SinkMode.Close && _options.CloseAfterBytes > 0;
        uint interest = echoes ? Epoll.In | Epoll.RdHup : Epoll.RdHup;
        for (int i = 0; i < AcceptBurst; i++)
        {
            int fd = RawSocket.Accept(listener);
            if (fd >= 0)
            {
                _pause.AcceptSucceeded();
                Counters.OnAccepted();
                if (_options.Mode == SinkMode.Close && !echoes)
                {
                    // Closing first sends our FIN first: this socket, not the client's, enters TIME_WAIT.
                    RawSocket.Close(fd);
                    Counters.OnClosed();
                    continue;
                }
                _connections[fd] = echoes ? new EchoState() : null;
                if (epoll.Add(fd, interest) < 0)
                {
                    CloseConnection(epoll, fd);
                }
                continue;
            }
            switch (-fd)
            {
                case Errno.EAGAIN:
                    return;
                case Errno.ECONNABORTED or Errno.EINTR:
                    // The client gave up while queued (or a signal landed): try the next one.
                    continue;
                case Errno.EMFILE or Errno.ENFILE or Errno.ENOBUFS or Errno.ENOMEM:
                    BeginPause(epoll, -fd);
                    return;
                default:
                    // Unexpected: leave it to the next wakeup rather than looping on it here.
                    return;
            }
        }
    }

    private void BeginPause(Epoll epoll, int errno)
    {
        Counters.OnFdPause();
        UnwatchListeners(epoll);
        if (_pause.Begin(Environment.TickCount64))
        {
            _log.WriteLine(
                $"connstorm sink: accept failed with {Errno.Name(errno)} ({Errno.Meaning(errno)}) with {Counters.Open} connections open; " +
                $"pausing accepts for {AcceptPause.DefaultDuration.TotalMilliseconds:0} ms at a time until descriptors free up");
            _log.Flush();
        }
    }

    private void ServeEcho(Epoll epoll, int fd, EchoState echo, uint events)
    {
        if ((events & (Epoll.Err | Epoll.Hup)) != 0)
        {
            CloseConnection(epoll, fd);
            return;
        }
        if ((events & Epoll.Out) != 0 && echo.Length > 0)
        {
            if (!Flush(fd, echo))
            {
                CloseConnection(epoll, fd);
                return;
            }
            if (echo.Length > 0)
            {
                return;
            }
            epoll.Modify(fd, Epoll.In | Epoll.RdHup);
        }
        if ((events & (Epoll.In | Epoll.RdHup)) != 0 && echo.Length == 0)
        {
            ReadAndEcho(epoll, fd, echo);
        }
    }

    private void ReadAndEcho(Epoll epoll, int fd, EchoState echo)
    {
        for (int i = 0; i < ReadBurst; i++)
        {
            int n = RawSocket.Read(fd, _buffer);
            if (n == -Errno.EAGAIN)
            {
                return;
            }
            if (n <= 0)
            {
                // 0: the peer shut down its side and everything it sent has been echoed; <0: reset or error.
                CloseConnection(epoll, fd);
                return;
            }
            int w = RawSocket.Write(fd, _buffer.AsSpan(0, n));
            if (w == -Errno.EAGAIN)
            {
                w = 0;
            }
            if (w < 0)
            {
                CloseConnection(epoll, fd);
                return;
            }
            Counters.OnEchoed(w);
            echo.Echoed += w;
            if (ClosesNow(echo))
            {
                CloseConnection(epoll, fd);
                return;
            }
            if (w < n)
            {
                // The peer is not reading: keep the rest, stop reading (bounded to one buffer) and wait for room.
                // Not RDHUP: a half-closed peer may still be reading its echo, and level-triggered RDHUP
                // would fire on every wait until then. A peer that is really gone shows as ERR/HUP.
                echo.Keep(_buffer.AsSpan(w, n - w));
                epoll.Modify(fd, Epoll.Out);
                return;
            }
        }
    }

    private bool Flush(int fd, EchoState echo)
    {
        int w = RawSocket.Write(fd, echo.Pending);
        if (w == -Errno.EAGAIN)
        {
            return true;
        }
        if (w < 0)
        {
            return false;
        }
        Counters.OnEchoed(w);
        echo.Consume(w);
        echo.Echoed += w;
        return !ClosesNow(echo);
    }

    /// <summary>Close mode: the client's payload is back with it, so the sink closes first now.</summary>
    private bool ClosesNow(EchoState echo) =>
        _options.Mode == SinkMode.Close && echo.Echoed >= _options.CloseAfterBytes;

    private void CloseConnection(Epoll epoll, int fd)
    {
        if (_connections.Remove(fd))
        {
            epoll.Remove(fd);
            RawSocket.Close(fd);
            Counters.OnClosed();
        }
    }

    private void CloseAll()
    {
        foreach (int fd in _connections.Keys)
        {
            RawSocket.Close(fd);
        }
        _connections.Clear();
        foreach (int fd in _listeners)
        {
            RawSocket.Close(fd);
        }
        _listeners.Clear();
        _listenerSet.Clear();
        _epoll?.Dispose();
        _epoll = null;
    }

    /// <summary>Bytes an echo connection still owes its peer after a partial write (at most one read buffer).</summary>
    private sealed class EchoState
    {
        private byte[] _pending = [];
        private int _offset;

        public int Length { get; private set; }

        /// <summary>Bytes echoed so far (close mode closes once they reach its count).</summary>
        public long Echoed { get; set; }

        public ReadOnlySpan<byte> Pending => _pending.AsSpan(_offset, Length);

        public void Keep(ReadOnlySpan<byte> bytes)
        {
            if (_pending.Length < bytes.Length)
            {
                _pending = new byte[BufferSize];
            }
            bytes.CopyTo(_pending);
            _offset = 0;
            Length = bytes.Length;
        }

        public void Consume(int n)
        {
            _offset += n;
            Length -= n;
        }
    }
}
