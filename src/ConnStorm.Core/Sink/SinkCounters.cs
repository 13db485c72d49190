namespace ConnStorm.Sink;

/// <summary>
/// Counts kept by the sink's loop thread and read from any thread: written with Interlocked,
/// read with Interlocked.Read so a 64-bit value is never seen torn.
/// </summary>
public sealed class SinkCounters
{
    private long _accepted;
    private long _open;
    private long _closed;
    private long _echoedBytes;
    private long _fdPauses;

    public long Accepted => Interlocked.Read(ref _accepted);

    public long Open => Interlocked.Read(ref _open);

    public long Closed => Interlocked.Read(ref _closed);

    public long EchoedBytes => Interlocked.Read(ref _echoedBytes);

    /// <summary>Times accepting was paused because accept() ran out of descriptors (EMFILE/ENFILE).</summary>
    public long FdPauses => Interlocked.Read(ref _fdPauses);

    internal void OnAccepted()
    {
        Interlocked.Increment(ref _accepted);
        Interlocked.Increment(ref _open);
    }

    internal void OnClosed()
    {
        Interlocked.Decrement(ref _open);
        Interlocked.Increment(ref _closed);
    }

    internal void OnEchoed(int bytes) => Interlocked.Add(ref _echoedBytes, bytes);

    internal void OnFdPause() => Interlocked.Increment(ref _fdPauses);

    /// <summary>The summary line's counters: accepted=A open=O closed=C echoed_bytes=E fd_pauses=P.</summary>
    public override string ToString() =>
        $"accepted={Accepted} open={Open} closed={Closed} echoed_bytes={EchoedBytes} fd_pauses={FdPauses}";
}
