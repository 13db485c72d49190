using System.Globalization;
using System.Runtime.Versioning;
using ConnStorm.Results;
using ConnStorm.Scenarios;
using ConnStorm.Sockets;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ConnStorm.Running;

/// <summary>
/// Live progress over the run matrix: on a terminal a Spectre.Console table with one row per
/// run (its parameters, then open connections and failures, live for the current run);
/// otherwise a plain line a second and one line per finished run.
/// </summary>
[SupportedOSPlatform("linux")]
internal abstract class ProgressView(Scenario scenario, IReadOnlyList<SweepRun> runs)
{
    protected Scenario Scenario { get; } = scenario;
    protected IReadOnlyList<SweepRun> Runs { get; } = runs;
    protected Dictionary<int, RunRow> Done { get; } = [];
    protected int Current { get; private set; }
    protected EventPump? Pump { get; private set; }

    public static ProgressView Create(bool interactive, Scenario scenario, IReadOnlyList<SweepRun> runs, TextWriter log) =>
        interactive ? new LiveView(scenario, runs) : new PlainView(scenario, runs, log);

    /// <summary>Runs <paramref name="work"/>, which reports through Begin, Update and End.</summary>
    public abstract void Show(Action work);

    private readonly System.Diagnostics.Stopwatch _sweepClock = System.Diagnostics.Stopwatch.StartNew();
    private double _rateAtMs = -1;
    private long _rateEstablished;
    private double _rate;

    public virtual void Begin(int number, EventPump pump)
    {
        Current = number;
        Pump = pump;
        _rateAtMs = -1;
        _rate = 0;
    }

    /// <summary>Connections established per second over the last second or so (updated at most every 500 ms).</summary>
    protected double Rate(EventPump pump)
    {
        double now = pump.ElapsedMs;
        long established = pump.Stats.Established;
        if (_rateAtMs < 0 || now < _rateAtMs)
        {
            (_rateAtMs, _rateEstablished) = (now, established);
        }
        else if (now - _rateAtMs >= 500)
        {
            _rate = (established - _rateEstablished) * 1000.0 / (now - _rateAtMs);
            (_rateAtMs, _rateEstablished) = (now, established);
        }
        return _rate;
    }

    /// <summary>"open 31,898 of 45,000 planned (port rules: 129,024) · 28,400/s · ConnStorm 143 MiB · MemAvailable 20.7 GiB, floor 2.35 GiB".</summary>
    protected string LiveFigures(EventPump pump)
    {
        var run = Runs[Math.Clamp(Current, 1, Runs.Count) - 1];
        long planned = run.Scenario.Load.Connections;
        string limit = RunPlan.Ports(run) is { } p ? string.Create(CultureInfo.InvariantCulture, $" (port rules: {p.Limit:N0})") : "";
        string mem = pump.MemAvailableBytes is { } a
            ? $" · available {Rules.MemoryFloor.Size(a)}" + (pump.MemoryFloorBytes is { } f ? $", floor {Rules.MemoryFloor.Size(f)}" : "")
            : "";
        string rss = pump.ConnStormRssKb > 0 ? $" · ConnStorm {Rules.MemoryFloor.Size(pump.ConnStormRssKb * 1024)}" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"open {pump.Stats.Open:N0} of {planned:N0} planned{limit} · {Rate(pump):N0}/s{rss}{mem}");
    }

    /// <summary>"run 3 of 24 (2 done) · elapsed 0:12 · about 1:30 left" (the estimate: the mean of the runs done so far).</summary>
    protected string SweepFigures()
    {
        var elapsed = _sweepClock.Elapsed;
        string left = Done.Count == 0 ? "" : $" · about {Clock(elapsed / Done.Count * (Runs.Count - Done.Count))} left";
        return $"run {Current} of {Runs.Count} ({Done.Count} done) · elapsed {Clock(elapsed)}{left}";
    }

    private static string Clock(TimeSpan t) => t.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}")
        : string.Create(CultureInfo.InvariantCulture, $"{t.Minutes}:{t.Seconds:00}");

    public abstract void Update(EventPump pump);

    public virtual void End(int number, RunRow row) => Done[number] = row;

    protected static string Failures(RunStats stats) =>
        stats.FailuresByErrno.Count == 0 ? "none" :
        string.Join(", ", stats.FailuresByErrno.OrderByDescending(kv => kv.Value).Select(kv => $"{Errno.Name(kv.Key)} {kv.Value}"));

    protected static string Parameters(SweepRun run)
    {
        var s = run.Scenario;
        string range = run.PortRange is { } r ? $"{r.Size} ports" : "default range";
        return $"{run.Variant}, {range}, {s.Targets.Count} target(s), {Math.Max(1, s.Client.SourceIps.Count)} source IP(s), {Attempts(s)}";
    }

    private sealed class PlainView(Scenario scenario, IReadOnlyList<SweepRun> runs, TextWriter log) : ProgressView(scenario, runs)
    {
        private double _lastPrint = -1000;

        public override void Show(Action work)
        {
            log.WriteLine($"{Scenario.Name}: {Runs.Count} run(s)");
            work();
        }

        public override void Begin(int number, EventPump pump)
        {
            base.Begin(number, pump);
            _lastPrint = -1000;
            log.WriteLine($"run {number}/{Runs.Count}: {Parameters(Runs[number - 1])}");
        }

        public override void Update(EventPump pump)
        {
            if (pump.ElapsedMs - _lastPrint < 1000)
            {
                return;
            }
            _lastPrint = pump.ElapsedMs;
            var s = pump.Stats;
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {pump.ElapsedMs / 1000:0.0}s {pump.Phase}: open {s.Open}, established {s.Established}, failures {s.Failures} ({Failures(s)})"));
            log.WriteLine($"    {LiveFigures(pump)}{(Runs.Count > 1 ? " · " + SweepFigures() : "")}");
        }

        public override void End(int number, RunRow row)
        {
            base.End(number, row);
            string stop = row.FirstFailureErrno is { Length: > 0 } e ? $"first failure {e} in {row.FirstFailurePhase}" : "no failure";
            log.WriteLine($"  run {number} done: held {row.MaxEstablished}; {stop}");
        }
    }

    private sealed class LiveView(Scenario scenario, IReadOnlyList<SweepRun> runs) : ProgressView(scenario, runs)
    {
        private LiveDisplayContext? _context;

        public override void Show(Action work) =>
            AnsiConsole.Live(Render()).AutoClear(false).Start(ctx =>
            {
                _context = ctx;
                work();
                ctx.UpdateTarget(Render());
            });

        public override void Update(EventPump pump) => _context?.UpdateTarget(Render());

        public override void End(int number, RunRow row)
        {
            base.End(number, row);
            _context?.UpdateTarget(Render());
        }

        private IRenderable Render()
        {
            var table = new Table().Border(TableBorder.Rounded)
                .Title($"[bold]{Markup.Escape(Scenario.Name)}[/]: {Runs.Count} run(s)");
            var caption = new List<string>();
            if (Pump is { } live && !Done.ContainsKey(Current))
            {
                caption.Add(LiveFigures(live));
            }
            if (Runs.Count > 1 && Current > 0)
            {
                caption.Add(SweepFigures());
            }
            if (caption.Count > 0)
            {
                table.Caption(Markup.Escape(string.Join("\n", caption)));
            }
            table.AddColumn("#").AddColumn("variant").AddColumn("range").AddColumn("targets").AddColumn("src IPs")
                .AddColumn("status").AddColumn(new TableColumn("open").RightAligned()).AddColumn("failures");
            // Long sweeps: show the runs around the current one.
            int from = Math.Max(1, Current - 8), to = Math.Min(Runs.Count, Math.Max(Current, 1) + 8);
            foreach (var run in Runs.Where(r => r.Number >= from && r.Number <= to))
            {
                string range = run.PortRange is { } r ? r.Size.ToString(CultureInfo.InvariantCulture) : "-";
                string status, open, failures;
                if (Done.TryGetValue(run.Number, out var row))
                {
                    status = "[green]done[/]";
                    open = row.MaxEstablished.ToString("N0", CultureInfo.InvariantCulture);
                    failures = row.FirstFailureErrno is { Length: > 0 } e ? $"{row.Failures}: first {e} ({row.FirstFailurePhase})" : "none";
                }
                else if (run.Number == Current && Pump is { } pump)
                {
                    var s = pump.Stats;
                    status = $"[yellow]{pump.Phase}[/] {pump.ElapsedMs / 1000:0.0}s";
                    open = s.Open.ToString("N0", CultureInfo.InvariantCulture);
                    failures = $"{s.Failures}: {Failures(s)}";
                }
                else
                {
                    status = "[grey]waiting[/]";
                    open = "";
                    failures = "";
                }
                table.AddRow(run.Number.ToString(CultureInfo.InvariantCulture), Markup.Escape(run.Variant), range,
                    run.Scenario.Targets.Count.ToString(CultureInfo.InvariantCulture),
                    Math.Max(1, run.Scenario.Client.SourceIps.Count).ToString(CultureInfo.InvariantCulture),
                    status, open, Markup.Escape(failures));
            }
            return table;
        }
    }

    /// <summary>A hold makes load.connections attempts; a churn goes on for its duration.</summary>
    private static string Attempts(Scenario s) => Engine.WorkerPlan.ChurnDuration(s) is { } d
        ? $"churn {s.Client.Close.ToName()} for {Durations.Format(d)}"
        : $"{s.Load.Connections} attempts";
}
