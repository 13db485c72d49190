namespace ConnStorm.Sink;

/// <summary>
/// When accept() fails with EMFILE/ENFILE the connection stays in the kernel's accept queue, so the
/// listener stays readable and a level-triggered loop would spin on it. The sink instead stops
/// watching its listeners for a fixed pause and tries again, serving existing connections meanwhile.
/// An episode is a run of pauses with no successful accept between them; it is logged once.
/// Time is passed in (milliseconds, monotonic) so the logic can be tested without a clock.
/// </summary>
public sealed class AcceptPause
{
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromMilliseconds(100);

    private readonly long _durationMs;
    private long _resumeAtMs;
    private bool _inEpisode;

    public AcceptPause()
        : this(DefaultDuration)
    {
    }

    public AcceptPause(TimeSpan duration) => _durationMs = (long)duration.TotalMilliseconds;

    public bool IsPaused { get; private set; }

    public long Pauses { get; private set; }

    public long Episodes { get; private set; }

    /// <summary>Starts a pause; true when it also starts a new episode (the caller logs then, and only then).</summary>
    public bool Begin(long nowMs)
    {
        IsPaused = true;
        _resumeAtMs = nowMs + _durationMs;
        Pauses++;
        if (_inEpisode)
        {
            return false;
        }
        _inEpisode = true;
        Episodes++;
        return true;
    }

    /// <summary>True once, when a pause has run its course: the caller watches its listeners again.</summary>
    public bool TryEnd(long nowMs)
    {
        if (!IsPaused || nowMs < _resumeAtMs)
        {
            return false;
        }
        IsPaused = false;
        return true;
    }

    /// <summary>An accept succeeded: descriptors are available again, so the episode is over.</summary>
    public void AcceptSucceeded() => _inEpisode = false;

    /// <summary>How long the loop may block in epoll_wait without missing the end of the pause.</summary>
    public int WaitBudgetMs(long nowMs, int maxMs) =>
        IsPaused ? (int)Math.Clamp(_resumeAtMs - nowMs, 0, maxMs) : maxMs;
}
