namespace ConnStorm.Results;

/// <summary>What a finished <see cref="RunRecorder"/> measured: its counters and the connect latencies' percentiles (null without connections).</summary>
public sealed record RecordedRun(RunStats Stats, LatencyPercentiles? ConnectLatency);
