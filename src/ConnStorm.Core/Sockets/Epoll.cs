using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using ConnStorm.Sockets.Interop;

namespace ConnStorm.Sockets;

/// <summary>An epoll instance keyed by descriptor: the event's data is the fd itself.</summary>
[SupportedOSPlatform("linux")]
public sealed unsafe class Epoll : IDisposable
{
    public const uint In = Libc.EPOLLIN;
    public const uint Out = Libc.EPOLLOUT;
    public const uint Err = Libc.EPOLLERR;
    public const uint Hup = Libc.EPOLLHUP;
    public const uint RdHup = Libc.EPOLLRDHUP;
    /// <summary>Edge-triggered: an event is reported once per change of state, not for as long as the state lasts.</summary>
    public const uint EdgeTriggered = Libc.EPOLLET;

    private readonly int _fd;
    private readonly Libc.EpollEvent[] _events;

    public Epoll(int maxEvents = 1024)
    {
        _fd = Libc.EpollCreate1(SocketOptions.SOCK_CLOEXEC);
        if (_fd < 0)
        {
            throw new IOException($"epoll_create1 failed: {Errno.Name(Marshal.GetLastPInvokeError())}");
        }
        _events = new Libc.EpollEvent[maxEvents];
    }

    public int Add(int fd, uint events) => Ctl(Libc.EPOLL_CTL_ADD, fd, events);

    public int Modify(int fd, uint events) => Ctl(Libc.EPOLL_CTL_MOD, fd, events);

    public int Remove(int fd) => Ctl(Libc.EPOLL_CTL_DEL, fd, 0);

    private int Ctl(int op, int fd, uint events)
    {
        var ev = new Libc.EpollEvent { Events = events, Data = (ulong)fd };
        return Libc.EpollCtl(_fd, op, fd, &ev) == 0 ? 0 : -Marshal.GetLastPInvokeError();
    }

    /// <summary>Waits up to <paramref name="timeoutMs"/> and returns how many events are ready (0 on EINTR).</summary>
    public int Wait(int timeoutMs)
    {
        fixed (Libc.EpollEvent* p = _events)
        {
            int n = Libc.EpollWait(_fd, p, _events.Length, timeoutMs);
            return n >= 0 ? n : 0;
        }
    }

    public int ReadyFd(int i) => (int)_events[i].Data;

    public uint ReadyEvents(int i) => _events[i].Events;

    public void Dispose() => Libc.Close(_fd);
}
