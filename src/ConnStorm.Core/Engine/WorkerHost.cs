using System.Globalization;
using System.Runtime.Versioning;
using ConnStorm.Lab;
using ConnStorm.Sockets;
using ConnStorm.Platform;

namespace ConnStorm.Engine;

/// <summary>
/// The body of a worker process (<c>connstorm worker</c>, started by the runner, inside
/// the lab's namespace when there is one). It reads its plan from stdin, reports the
/// namespace's sysctls and its descriptor limit, waits for the go and then for its t0, runs the engine and
/// streams events to stdout. Stdin EOF, SIGINT or SIGTERM make it stop, report and exit,
/// so a worker never outlives its parent.
/// </summary>
[SupportedOSPlatform("linux")]
public static class WorkerHost
{
    public static int Run(TextReader input, Stream output)
    {
        _ = ResidentKb();
        (ulong soft, ulong hard) = FileDescriptorLimit.Read();
        string? planLine = input.ReadLine();
        if (string.IsNullOrWhiteSpace(planLine))
        {
            WriteRaw(output, $"{WorkerProtocol.Error} no plan on stdin");
            return 2;
        }
        WorkerPlan plan;
        try
        {
            plan = WorkerPlan.FromJson(planLine);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            WriteRaw(output, $"{WorkerProtocol.Error} bad plan: {e.Message}");
            return 2;
        }

        ulong raised = FileDescriptorLimit.RaiseThenCap(plan.FdLimit > 0 ? (ulong)plan.FdLimit : null);
        using var events = new WorkerEventWriter(output, plan.ReportConnections);
        foreach (string key in SysctlWhitelist.Reported)
        {
            events.WriteLine($"{WorkerProtocol.Sysctl} {key} {ReadSysctl(key)}");
        }

        int maxFd = (int)Math.Min(raised, 1UL << 24);
        using var engine = new ConnectEngine(plan, events, maxFd);
        // Opened before the first connection: at the descriptor limit nothing could be opened any more.
        using var sockstat = plan.SampleEvery > TimeSpan.Zero ? SockStat.TryOpen() : null;
        if (sockstat is not null)
        {
            engine.Sample = tUs =>
            {
                long tw = sockstat.TimeWait();
                if (tw >= 0)
                {
                    events.WriteLine(WorkerProtocol.FormatTimeWait(tUs, tw));
                }
            };
        }
        var go = new ManualResetEventSlim();
        using var turn = new ManualResetEventSlim(!plan.WaitsForTurn);
        using var allConnected = new ManualResetEventSlim();
        long t0 = 0;
        var reader = new Thread(() =>
        {
            // The control channel: G (go), S (stop); EOF means the parent is gone.
            while (input.ReadLine() is { } line)
            {
                if (line.StartsWith(WorkerProtocol.Go, StringComparison.Ordinal))
                {
                    t0 = long.Parse(line.AsSpan(2), CultureInfo.InvariantCulture);
                    go.Set();
                }
                else if (line == WorkerProtocol.Turn)
                {
                    turn.Set();
                }
                else if (line == WorkerProtocol.AllConnected)
                {
                    allConnected.Set();
                }
                else if (line == WorkerProtocol.Stop)
                {
                    engine.RequestStop();
                    go.Set();
                    turn.Set();
                }
            }
            engine.RequestStop();
            go.Set();
            turn.Set();
        }) { IsBackground = true, Name = "worker-control" };
        reader.Start();

        // Ctrl-C and a closed terminal's SIGHUP reach the whole process group; the worker stops
        // cleanly and lets the parent write results.
        using var signals = ShutdownSignals.Listen();
        using var onSignal = signals.Token.Register(() => { engine.RequestStop(); go.Set(); turn.Set(); });

        engine.WarmUp();
        events.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{WorkerProtocol.Memory} ready {ResidentKb()}"));
        events.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{WorkerProtocol.Ready} {soft} {hard} {raised}"));
        if (!go.Wait(TimeSpan.FromSeconds(120)) || engine.StopRequested && t0 == 0)
        {
            return 0;
        }

        EngineOutcome outcome;
        // G may come ahead of the common start (a cluster run sends it as soon as the start is known):
        // the worker wakes at t0 itself, one hop closer to the moment than a G sent at t0.
        // A worker waiting for its turn starts at no precise moment: no real-time boost for it.
        using (var boost = !plan.WaitsForTurn && System.Diagnostics.Stopwatch.GetTimestamp() < t0 ? StartClock.RaiseForStart() : null)
        {
            engine.AfterFirstConnect = boost is null ? null : boost.Dispose;
            StartClock.SleepUntil(t0, () => engine.StopRequested);
            // Bounded like the connect phase itself: the parent opens a turn as each connecting worker ends.
            turn.Wait(plan.TimeLimit + TimeSpan.FromSeconds(30));
            outcome = engine.Run(t0);
        }
        events.Flush();
        events.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{WorkerProtocol.Memory} connected {ResidentKb()}"));
        events.WriteLine(WorkerProtocol.FormatConnectPhaseOver(outcome));
        events.Flush();

        // Other workers may still be connecting: this one's ports stay taken until they are done too.
        engine.KeepUntil(allConnected);
        engine.Hold(plan.Hold);
        events.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{WorkerProtocol.Memory} peak {ResidentKb("VmHWM:")}"));
        events.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{WorkerProtocol.HoldOver} {engine.Open}"));
        engine.CloseAll();
        return 0;
    }

    // Opened once at startup: at the descriptor limit (EMFILE) no new file could be opened to read it.
    private static readonly FileStream Status = new("/proc/self/status", FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);

    /// <summary>VmRSS (or another field, such as the peak VmHWM) of this process from /proc/self/status, in KiB.</summary>
    internal static long ResidentKb(string field = "VmRSS:")
    {
        Span<byte> buffer = stackalloc byte[4096];
        Status.Seek(0, SeekOrigin.Begin);
        int n = Status.Read(buffer);
        var text = System.Text.Encoding.ASCII.GetString(buffer[..n]);
        int at = text.IndexOf(field, StringComparison.Ordinal);
        if (at < 0)
        {
            return 0;
        }
        var digits = text[(at + field.Length)..].TrimStart();
        return long.Parse(digits[..digits.IndexOf(' ', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
    }

    private static void WriteRaw(Stream output, string line)
    {
        output.Write(System.Text.Encoding.UTF8.GetBytes(line + "\n"));
        output.Flush();
    }

    private static string ReadSysctl(string key)
    {
        try
        {
            string text = File.ReadAllText(SysctlWhitelist.ProcPath(key)).Trim();
            // Multi-field values (the port range) come tab-separated; one space reads better in a manifest.
            return string.Join(' ', text.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }
}
