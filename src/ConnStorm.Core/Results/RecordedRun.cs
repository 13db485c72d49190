namespace ConnStorm.Results;

/// <summary>What a finished <see cref="RunRecorder"/> measured: its counters and the percentiles of the connect latencies of all its workers together (null without connections).</summary>
public sealed record RecordedRun(RunStats Stats, LatencyPercentiles? ConnectLatency);
