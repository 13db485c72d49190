using System.Diagnostics;
using System.Runtime.Versioning;
using ConnStorm.Engine;
using ConnStorm.Results;
using ConnStorm.Scenarios;
using ConnStorm.Platform;

namespace ConnStorm.Running;

/// <summary>
/// Merges the workers' event lines into one timeline: each record goes to the recorder
/// as it arrives, the run-wide stop_on is enforced across workers, and a worker that
/// dies is recorded in the notes instead of hanging the run.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class EventPump(Scenario scenario, Experiment experiment, RunRecorder recorder, CancellationToken ct)
{
    private readonly string[] _targets = scenario.Targets.Select(t => Sockets.SockAddr.Format(t.Address, t.Port)).ToArray();
    private readonly Dictionary<ChildProcess, long> _openByWorker = [];
    // The worker's index in the run (its plan's WorkerIndex): the parent knows who sent a line, so C lines need not carry it.
    private readonly Dictionary<ChildProcess, int> _indexOf = experiment.Workers.Select((w, i) => (w, i)).ToDictionary(p => p.w, p => p.i);
    private readonly Dictionary<ChildProcess, EngineOutcome> _connectDone = [];
    private readonly HashSet<ChildProcess> _finished = [];
    // Workers still waiting for their turn to connect, in index order (see ProcessBudget.ConnectingAtOnce).
    private readonly Queue<ChildProcess> _waiting = new(experiment.ConnectingAtOnce > 0 ? experiment.Workers.Skip(experiment.ConnectingAtOnce) : []);
    private long _t0;
    private bool _stopSent;
    private bool _released;

    public long Attempted => _connectDone.Values.Sum(o => o.Attempted);

    /// <summary>From the first attempt to the last connect outcome, over all workers.</summary>
    public double Seconds => _connectDone.Count == 0 ? 0 :
        (_connectDone.Values.Max(o => o.LastOutcomeUs) - _connectDone.Values.Min(o => o.FirstAttemptUs)) / 1e6;

    public List<string> Notes { get; } = [];

    /// <summary>Worker processes that ended before reporting the end of their run.</summary>
    public int WorkersLost { get; private set; }

    /// <summary>Workers' resident memory (KiB, summed) when their connect phase ended.</summary>
    public long WorkerRssConnectedKb { get; private set; }

    /// <summary>Sum of the workers' own peak resident memory (VmHWM), reported as they finish.</summary>
    public long WorkerPeakKb { get; private set; }
    public int WorkersReportingPeak { get; private set; }

    public RunStats Stats => recorder.Stats;

    public double ElapsedMs => _t0 == 0 ? 0 : Stopwatch.GetElapsedTime(_t0).TotalMilliseconds;

    public string Phase { get; private set; } = "starting";

    /// <summary>The memory floor in bytes: MemAvailable below it while connecting stops the run. Null: not checked.</summary>
    public long? MemoryFloorBytes { get; init; }

    /// <summary>MemAvailable as last read (every 10 ms while connecting), and the lowest seen; null before the first reading.</summary>
    public long? MemAvailableBytes { get; private set; }
    public long? MemAvailableMinBytes { get; private set; }

    /// <summary>"memory" once the memory floor stopped the run; "files" once ENFILE did.</summary>
    public string? LimitMet { get; private set; }
    public long? LimitMetAt { get; private set; }

    /// <summary>Resident memory of ConnStorm's processes (parent, workers, sinks), KiB, read once a second.</summary>
    public long ConnStormRssKb { get; private set; }

    private long _nextMemoryCheck;
    private long _nextRssRead;

    /// <summary>This host's UTC clock at t = 0 of the timeline (and of t_ms in failures.csv and connections.csv).</summary>
    public DateTime? StartedUtc { get; private set; }

    /// <summary>Called once every worker has ended its connect phase (before any hold), e.g. to read HAProxy's counters.</summary>
    public Action? OnConnectPhaseOver { get; init; }

    /// <summary>
    /// The earliest first attempt over the workers that made one, in µs from t = 0 (the workers' own
    /// clock readings, reported with their connect phase); null before that or when none attempted.
    /// </summary>
    public long? FirstAttemptUs => _connectDone.Values.Where(o => o.Attempted > 0).Select(o => (long?)o.FirstAttemptUs).Min();

    /// <summary>
    /// Sends the go and runs until every worker is done. With <paramref name="startAtUtc"/> (a cluster's
    /// common start, on this host's clock) t = 0 is that moment: the go goes out at once carrying it,
    /// and each worker sleeps until it on its own (see StartClock), so neither this process's wake-up
    /// nor the pipe to the workers lies between the start and the first connect().
    /// </summary>
    public void Run(Action<EventPump> onTick, DateTime? startAtUtc = null)
    {
        var reader = experiment.Lines.Reader;
        int workers = experiment.Workers.Count;
        long nowTicks = Stopwatch.GetTimestamp();
        var nowUtc = DateTime.UtcNow;
        // A start already past begins at once; one too far away is capped (a clock gone wrong must not hang the run).
        var ahead = startAtUtc is { } at && at > nowUtc ? Min(at - nowUtc, MaxStartWait) : TimeSpan.Zero;
        if (startAtUtc is { } late && late < nowUtc)
        {
            Notes.Add($"the common start was already {(nowUtc - late).TotalMilliseconds:0.0} ms past when this host was ready to go; it began at once");
        }
        _t0 = nowTicks + (long)(ahead.TotalSeconds * Stopwatch.Frequency);
        // One instant for the manifest's connect_started_utc and the start of latency.hlog.
        var connectStarted = nowUtc + ahead;
        StartedUtc = connectStarted;
        recorder.ConnectStartedUtc = connectStarted;
        experiment.Go(_t0);
        // The workers start on their own. This process has nothing to do at t = 0 itself, and waking
        // then would take a core from its workers' first connect() (every host's parent would): it
        // wakes a little later and reads what they wrote meanwhile.
        long wake = ahead > TimeSpan.Zero ? _t0 + (long)(ParentGrace.TotalSeconds * Stopwatch.Frequency) : _t0;
        if (!StartClock.SleepUntil(wake, () => ct.IsCancellationRequested) && Stopwatch.GetTimestamp() < _t0)
        {
            _t0 = Stopwatch.GetTimestamp();
        }
        Phase = "connecting";
        long nextTick = 0;
        // Bounded even if a worker wedges: connect time limit + hold + a generous margin.
        var deadline = scenario.Load.TimeLimit + scenario.Load.Hold + scenario.Client.ConnectTimeout + TimeSpan.FromSeconds(30);

        while (_finished.Count < workers)
        {
            if (ct.IsCancellationRequested && !_stopSent)
            {
                experiment.StopWorkers();
                _stopSent = true;
                Notes.Add("interrupted: the run was stopped before it finished; the files hold everything measured until then");
            }
            if (Stopwatch.GetElapsedTime(_t0) > deadline)
            {
                Notes.Add($"the run passed its bound of {deadline.TotalSeconds:0} s and was stopped");
                break;
            }
            while (reader.TryRead(out var item))
            {
                Handle(item.From, item.Line);
            }
            CheckMemory();
            double now = ElapsedMs;
            recorder.Tick(now);
            if (now >= nextTick)
            {
                onTick(this);
                nextTick = (long)now + 250;
            }
            if (_finished.Count < workers)
            {
                using var wait = new CancellationTokenSource(50);
                try
                {
                    reader.WaitToReadAsync(wait.Token).AsTask().GetAwaiter().GetResult();
                }
                catch (OperationCanceledException)
                {
                }
            }
        }
        recorder.Tick(ElapsedMs);
        onTick(this);
    }

    /// <summary>
    /// The memory floor: at most every 10 ms (the loop wakes every 50 ms at most, sooner when workers
    /// write), MemAvailable is read; below the floor while connecting, every worker is told to stop. At
    /// ~60k connections/s and ~7 KB each (both ends, kernel and ConnStorm) the machine loses ~400 MB/s,
    /// so between two readings and the workers' stop a run takes a few tens of MB past the floor.
    /// </summary>
    private void CheckMemory()
    {
        long now = Stopwatch.GetTimestamp();
        if (now >= _nextRssRead)
        {
            _nextRssRead = now + Stopwatch.Frequency;
            ConnStormRssKb = experiment.RssKb();
        }
        if (now < _nextMemoryCheck)
        {
            return;
        }
        // Every 10 ms while connecting (the floor), once a second otherwise (the display).
        _nextMemoryCheck = now + (Phase == "connecting" ? Stopwatch.Frequency / 100 : Stopwatch.Frequency);
        if (MemInfo.Read() is not { } mem)
        {
            return;
        }
        MemAvailableBytes = mem.AvailableBytes;
        if (Phase != "connecting")
        {
            return;
        }
        MemAvailableMinBytes = Math.Min(MemAvailableMinBytes ?? long.MaxValue, mem.AvailableBytes);
        if (MemoryFloorBytes is { } floor && mem.AvailableBytes < floor && LimitMet is null)
        {
            LimitMet = "memory";
            LimitMetAt = recorder.Stats.Open;
            Notes.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"stopped by the memory floor: available {Rules.MemoryFloor.Size(mem.AvailableBytes)} < floor {Rules.MemoryFloor.Size(floor)} at {LimitMetAt:N0} open; every worker was told to stop connecting"));
            if (!_stopSent)
            {
                experiment.StopWorkers();
                _stopSent = true;
            }
        }
    }

    private static readonly TimeSpan MaxStartWait = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ParentGrace = TimeSpan.FromMilliseconds(20);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>
    /// Workers keep their connections after their own connect phase until every worker's is over (or
    /// gone): closed earlier, their ports could be taken again by a worker still connecting.
    /// </summary>
    private void ReleaseWhenAllConnected()
    {
        if (!_released && experiment.Workers.All(w => _connectDone.ContainsKey(w) || _finished.Contains(w)))
        {
            _released = true;
            experiment.ReleaseWorkers();
        }
    }

    /// <summary>A connecting worker is done (or gone): the next waiting one, still alive, begins.</summary>
    private void NextTurn()
    {
        while (_waiting.TryDequeue(out var next))
        {
            if (!_finished.Contains(next))
            {
                experiment.GiveTurn(next);
                return;
            }
        }
    }

    private void Handle(ChildProcess from, string? line)
    {
        if (line is null)
        {
            // A worker reports H at its very end; output ending before that means it died.
            if (_finished.Add(from))
            {
                WorkersLost++;
                from.WaitForExit(TimeSpan.FromSeconds(2));
                string why = from.ExitCode is { } c ? $"exit code {c}" : "no exit code";
                string err = from.StandardError;
                Notes.Add($"{from.Name} died before finishing ({why}){(err.Length > 0 ? ": " + err : "")}");
                if (!_connectDone.ContainsKey(from) && !_waiting.Contains(from))
                {
                    NextTurn();
                }
                ReleaseWhenAllConnected();
            }
            return;
        }
        if (line.Length == 0)
        {
            return;
        }
        switch (line[0])
        {
            case WorkerProtocol.Connected when WorkerProtocol.TryParseConnected(line, _targets, out var c, out long open, out var share):
                _openByWorker[from] = open;
                recorder.Established(c, _indexOf[from], share);
                break;
            case WorkerProtocol.Failed when WorkerProtocol.TryParseFailed(line, _targets, out var f):
                _openByWorker[from] = f.OpenAtFailure;
                // A worker knows only its own open count; the run's is the sum over workers.
                long runOpen = _openByWorker.Values.Sum();
                recorder.Failed(f with { OpenAtFailure = runOpen });
                if (f.Errno == Sockets.Errno.ENFILE && LimitMet is null)
                {
                    // fs.file-max is the whole machine's: going on would only starve every other process of files.
                    LimitMet = "files";
                    LimitMetAt = runOpen;
                    if (!_stopSent)
                    {
                        experiment.StopWorkers();
                        _stopSent = true;
                    }
                }
                if (!_stopSent && experiment.Workers.Count > 1 && !f.IsDrop &&
                    scenario.Load.StopOn.IsReached(recorder.Stats.Failures))
                {
                    experiment.StopWorkers();
                    _stopSent = true;
                }
                break;
            case WorkerProtocol.TimeWait when WorkerProtocol.TryParseTimeWait(line, out double twMs, out long timeWait):
                recorder.TimeWait(twMs, timeWait);
                break;
            case WorkerProtocol.ConnectPhaseOver:
                var done = WorkerProtocol.ParseConnectPhaseOver(line);
                _connectDone[from] = done;
                NextTurn();
                recorder.ConnectPhaseOver(_indexOf[from], done.LastOutcomeUs / 1000.0);
                Phase = _connectDone.Count == experiment.Workers.Count && scenario.Load.Hold > TimeSpan.Zero ? "holding" : Phase;
                if (_connectDone.Count == experiment.Workers.Count)
                {
                    OnConnectPhaseOver?.Invoke();
                }
                ReleaseWhenAllConnected();
                break;
            case WorkerProtocol.Memory:
                var m = line.Split(' ');
                long kb = long.Parse(m[2], System.Globalization.CultureInfo.InvariantCulture);
                if (m[1] == "connected")
                {
                    WorkerRssConnectedKb += kb;
                }
                else if (m[1] == "peak")
                {
                    WorkerPeakKb += kb;
                    WorkersReportingPeak++;
                }
                break;
            case WorkerProtocol.HoldOver:
                _finished.Add(from);
                break;
            case WorkerProtocol.Error:
                Notes.Add($"{from.Name}: {line[1..].Trim()}");
                break;
        }
    }
}
