namespace ConnStorm.Results;

/// <summary>What a finished <see cref="RunRecorder"/> measured: its counters and the percentiles of the connect latencies of all its workers together (null without connections).</summary>
public sealed record RecordedRun(RunStats Stats, LatencyPercentiles? ConnectLatency)
{
    /// <summary>The connect latency of the sampled connections split into the kernel's share and ConnStorm's; null when none was sampled.</summary>
    public LatencySplit? Split { get; init; }
}

/// <summary>
/// Connect latency of the connections sampled with TCP_INFO (one in ConnectEngine.TcpInfoEvery),
/// split per connection into the kernel's share (inside bind()/connect(), then the handshake until the
/// SYN-ACK came in) and ConnStorm's (the rest: socket() before, and the time until its loop noticed the
/// handshake's end). Percentiles of each share on its own: a p99 of one and a p99 of the other need not
/// belong to the same connection, so they do not add up to the p99 of the whole.
/// </summary>
public sealed record LatencySplit(long Samples, LatencyPercentiles Kernel, LatencyPercentiles Own, long Retransmits);
