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

    public virtual void Begin(int number, EventPump pump)
    {
        Current = number;
        Pump = pump;
    }

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
