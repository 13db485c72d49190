using ConnStorm.Results;
using ConnStorm.Sockets;

namespace ConnStorm.Tests.TestSupport;

/// <summary>Hand-made records for the tests: no sockets involved.</summary>
internal static class Samples
{
    public const string Target = "127.0.0.1:9000";

    public static ConnectionRecord Conn(long seq, double tMs, long connectUs = 100) =>
        new(seq, tMs, $"127.0.0.1:{40000 + seq}", Target, connectUs);

    public static FailureRecord Fail(double tMs, int errno = Errno.EADDRNOTAVAIL, FailurePhase phase = FailurePhase.Connect, long seq = 99, long open = 0) =>
        new(tMs, seq, open, Target, "127.0.0.1:0", phase, errno);

    public static RunInfo Info(bool interrupted = false) =>
        new(Run: 1, Variant: "default", PortRange: new ConnStorm.Scenarios.PortRange(40000, 40009), Targets: 1, SourceIps: 0,
            Attempted: 12, Seconds: 1.23456, RlimitNofile: 1024, Workers: 1, Interrupted: interrupted);

    /// <summary>The recorder's runs.csv row, for a client that only connects (no bind, no churn, no proxy).</summary>
    public static RunRow Row(RunRecorder recorder, RunInfo? info = null) =>
        RunRowBuilder.Build(info ?? Info(), recorder.Complete(), new ConnStorm.Scenarios.ClientSpec());

    public static RunRecorder Recorder(TempDir dir, bool connections = true) =>
        new(dir.Path, TimeSpan.FromMilliseconds(100), connections);
}
