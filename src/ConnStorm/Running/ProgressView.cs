using System.Globalization;
using ConnStorm.Scenarios;
using ConnStorm.Sockets;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ConnStorm.Running;

/// <summary>Live progress: a Spectre.Console table on a terminal, a plain line a second otherwise.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal abstract class ProgressView
{
    public static ProgressView Create(bool interactive, Scenario scenario, TextWriter log) =>
        interactive ? new LiveView(scenario) : new PlainView(scenario, log);

    /// <summary>Runs <paramref name="work"/>, which calls <see cref="Update"/> as it goes.</summary>
    public abstract void Show(Action work);

    public abstract void Update(EventPump pump);

    protected static string Failures(EventPump pump) =>
        pump.Stats.FailuresByErrno.Count == 0 ? "none" :
        string.Join(", ", pump.Stats.FailuresByErrno.OrderByDescending(kv => kv.Value).Select(kv => $"{Errno.Name(kv.Key)} {kv.Value}"));

    private sealed class PlainView(Scenario scenario, TextWriter log) : ProgressView
    {
        private double _lastPrint = -1000;

        public override void Show(Action work)
        {
            log.WriteLine($"run {scenario.Name}: {scenario.Load.Connections} attempts to {scenario.Targets.Count} target(s)");
            work();
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
                $"  {pump.ElapsedMs / 1000:0.0}s {pump.Phase}: open {s.Open}, established {s.Established}, failures {s.Failures} ({Failures(pump)})"));
        }
    }

    private sealed class LiveView(Scenario scenario) : ProgressView
    {
        private LiveDisplayContext? _context;

        public override void Show(Action work) =>
            AnsiConsole.Live(Render(null)).AutoClear(false).Start(ctx =>
            {
                _context = ctx;
                work();
            });

        public override void Update(EventPump pump)
        {
            _context?.UpdateTarget(Render(pump));
        }

        private IRenderable Render(EventPump? pump)
        {
            var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(scenario.Name)}[/]");
            table.AddColumn("phase").AddColumn("elapsed").AddColumn("open").AddColumn("established").AddColumn("attempts planned").AddColumn("failures");
            if (pump is null)
            {
                table.AddRow("starting", "-", "0", "0", scenario.Load.Connections.ToString(CultureInfo.InvariantCulture), "none");
                return table;
            }
            var s = pump.Stats;
            table.AddRow(pump.Phase,
                string.Create(CultureInfo.InvariantCulture, $"{pump.ElapsedMs / 1000:0.0} s"),
                s.Open.ToString(CultureInfo.InvariantCulture),
                s.Established.ToString(CultureInfo.InvariantCulture),
                scenario.Load.Connections.ToString(CultureInfo.InvariantCulture),
                Markup.Escape($"{s.Failures}: {Failures(pump)}"));
            return table;
        }
    }
}
