using System.Globalization;
using System.Runtime.Versioning;
using ConnStorm.Errors;
using ConnStorm.Rules;
using ConnStorm.Scenarios;

namespace ConnStorm.Running;

/// <summary>
/// The plan of a run before it starts: its processes and descriptors, the port rule for its shape,
/// the ladder of limits of this host and the memory it expects (from a <see cref="Calibration"/>).
/// `--dry-run` prints it; a real run sizes `connections: max` from it and refuses a run that cannot
/// fit (memory above the floor, files) unless --no-fit-check.
/// </summary>
[SupportedOSPlatform("linux")]
public static class RunPlan
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Runs of at least this many connections are checked against the machine before they start (a calibration takes about a second; smaller runs are left to the memory floor).</summary>
    public const long FitCheckFrom = 100_000;

    public sealed record Planned(
        SweepRun Run, ProcessBudget Budget, MachineLimits Limits, PortRules.Prediction? Ports,
        IReadOnlyList<LimitLadder.Rung> Ladder, long? ConnStormBytes, long? KernelBytes)
    {
        public LimitLadder.Rung? Lowest => LimitLadder.Lowest(Ladder);
        public long Connections => Run.Scenario.Load.Connections;
    }

    /// <summary>The port rules' prediction for the run's shape, when its range is known and no per-socket range is set.</summary>
    public static PortRules.Prediction? Ports(SweepRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var s = run.Scenario;
        if (s.Client.LocalPortRange is not null || (run.PortRange ?? LabPortRange.Of(s.Lab)) is not { } range)
        {
            return null;
        }
        var c = s.Client;
        return PortRules.Predict(new ClientShape(c.BindBeforeConnect, c.BindAddressNoPort, c.ReuseAddr, c.SourcePorts?.Size ?? 0, range.Size,
            s.Targets.Count, c.BindBeforeConnect ? Math.Max(1, c.SourceIps.Count) : 1));
    }

    public static Planned Plan(SweepRun run, RunOptions options, Calibration? cal)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(options);
        var s = run.Scenario;
        var budget = ProcessBudget.For(s, options.FdsPerProcess, options.Workers);
        int processes = 1 + budget.Workers + budget.Sinks;
        var limits = MachineFacts.Limits(options.MemoryFloor ?? s.Load.MemoryFloor, budget, options.Workers, null, s,
            cal is null ? null : (cal.BytesPerConnection, cal.Source is null ? "calibrated" : "from an earlier run")) with
        {
            ProcessesBaselineBytes = cal is null ? 0 : cal.ProcessBaselineBytes * processes,
        };
        var ports = Ports(run);
        long n = s.Load.Connections;
        return new Planned(run, budget, limits, ports, LimitLadder.Of(limits, ports),
            cal is null ? null : cal.ProcessBaselineBytes * processes + n * cal.ConnStormGrowthBytesPerConnection,
            cal is null ? null : n * cal.KernelBytesPerConnection);
    }

    /// <summary>Why the plan cannot fit this machine (memory above the floor, files per system); null when it fits or cannot be told.</summary>
    public static string? Misfit(Planned p)
    {
        ArgumentNullException.ThrowIfNull(p);
        foreach (var rung in p.Ladder.Where(r => r.Kind is LimitLadder.Kind.Memory or LimitLadder.Kind.Files))
        {
            if (rung.Connections is { } allows && allows < p.Connections)
            {
                return string.Create(Inv, $"run {p.Run.Number} plans {p.Connections:N0} connections but {rung.Name} allows {allows:N0} here: {rung.How}");
            }
        }
        return null;
    }

    /// <summary>
    /// `connections: max`: each such run sized to the lowest rung of its ladder (the processes it then
    /// needs re-planned once), at most its cap. Other runs are returned as they are.
    /// </summary>
    public static IReadOnlyList<SweepRun> ResolveMax(IReadOnlyList<SweepRun> runs, RunOptions options, Calibration? cal, List<string> notes)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(notes);
        var resolved = new List<SweepRun>();
        foreach (var run in runs)
        {
            var load = run.Scenario.Load;
            if (!load.ConnectionsMax)
            {
                resolved.Add(run);
                continue;
            }
            long cap = Math.Min(load.ConnectionsMaxCap ?? ScenarioBinder.MaxConnections, ScenarioBinder.MaxConnections);
            var sized = run;
            LimitLadder.Rung? lowest = null;
            // Twice: the count decides the processes, whose baseline memory the memory rung subtracts.
            for (int pass = 0; pass < 2; pass++)
            {
                var plan = Plan(sized, options, cal);
                lowest = plan.Lowest;
                long n = Math.Clamp(lowest?.Connections ?? cap, 1, cap);
                sized = run with { Scenario = run.Scenario with { Load = load with { Connections = (int)n } } };
            }
            long final = sized.Scenario.Load.Connections;
            notes.Add(final >= cap && (lowest?.Connections ?? long.MaxValue) >= cap
                ? string.Create(Inv, $"run {run.Number}: connections: max came to {final:N0}, its cap (the lowest limit here, {lowest?.Name ?? "none known"}, allows {lowest?.Connections?.ToString("N0", Inv) ?? "more"})")
                : string.Create(Inv, $"run {run.Number}: connections: max came to {final:N0}, what the lowest limit of this host allows: {lowest?.Name} ({lowest?.How})"));
            resolved.Add(sized);
        }
        return resolved;
    }

    /// <summary>Whether any run needs a calibration before it starts: `connections: max`, or big enough to be checked (unless the check is off).</summary>
    public static bool NeedsCalibration(IReadOnlyList<SweepRun> runs, bool fitCheck = true) =>
        runs.Any(r => r.Scenario.Load.ConnectionsMax || (fitCheck && r.Scenario.Load.Connections >= FitCheckFrom));

    /// <summary>`run --dry-run`: the plan of every run, then exit 0 (3 when a lab cannot be made for the calibration and runs need one).</summary>
    public static int Print(Scenario scenario, RunOptions options, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var runs = SweepExpander.Expand(scenario);
        var cal = Calibration.Measure(runs[0].Scenario, out string? whyNot)?.WithEarlierRun(options.ResultsRoot, scenario.Name);
        var notes = new List<string>();
        runs = ResolveMax(runs, options, cal, notes);
        output.WriteLine($"{scenario.Name}: {runs.Count} run(s), planned on {Environment.MachineName} (dry run: nothing else started)");
        output.WriteLine(cal?.Describe() ?? whyNot);
        foreach (string note in notes)
        {
            output.WriteLine(note);
        }
        foreach (var run in runs)
        {
            var p = Plan(run, options, cal);
            Write(p, runs.Count, output);
        }
        return ExitCodes.Ran;
    }

    private static void Write(Planned p, int of, TextWriter o)
    {
        var s = p.Run.Scenario;
        var b = p.Budget;
        string sink = s.Sink is null ? "no sink" : $"{b.Sinks} sink process(es) ({(s.Sink.Mode == SinkMode.NoAccept ? "no-accept: no descriptor per connection" : s.Sink.Mode.ToString().ToLowerInvariant())})";
        o.WriteLine(string.Create(Inv, $"run {p.Run.Number}/{of} ({p.Run.Variant}): {p.Connections:N0} connections"));
        o.WriteLine(string.Create(Inv, $"  processes: {b.Workers} worker(s), {sink}, and this one; descriptors: {b.DescriptorsPerProcess:N0} per process, about {b.ConnectionsPerProcess:N0} connections each"));
        var range = p.Run.PortRange ?? LabPortRange.Of(s.Lab);
        o.WriteLine(range is { } r
            ? string.Create(Inv, $"  ports per destination: {r.Size:N0} (ip_local_port_range {r.Lo}-{r.Hi}) × {s.Targets.Count} destination(s)")
            : "  ports per destination: the namespace's own ip_local_port_range (not set by the scenario)");
        o.WriteLine("  limits of this host for this run:");
        var lowest = p.Lowest;
        foreach (var rung in p.Ladder)
        {
            string allows = rung.Connections is { } c ? c.ToString("N0", Inv) : "-";
            string mark = ReferenceEquals(rung, lowest) ? "  <- lowest" : "";
            o.WriteLine($"    {rung.Name,-24} {allows,13}  {rung.How}{mark}");
        }
        string predicted = p.Ports is { } pr ? string.Create(Inv, $"{pr.Limit:N0} ({Sockets.Errno.Name(pr.Errno)} in {pr.Phase}())") : "no port rule";
        o.WriteLine($"  predicted limit (port rules): {predicted}; the run stops first at: {(lowest is null ? "nothing known" : lowest.Connections < p.Connections ? $"{lowest.Name}, {lowest.Connections:N0}" : "its own count")}");
        if (p.ConnStormBytes is { } mine && p.KernelBytes is { } kernel)
        {
            long usable = (p.Limits.MemAvailableBytes ?? 0) - (p.Limits.MemoryFloorBytes ?? 0);
            string fits = mine + kernel <= usable ? "fits" : "does NOT fit";
            o.WriteLine($"  memory expected: ConnStorm {MemoryFloor.Size(mine)}, kernel {MemoryFloor.Size(kernel)}; available {MemoryFloor.Size(p.Limits.MemAvailableBytes ?? 0)}, floor {MemoryFloor.Size(p.Limits.MemoryFloorBytes ?? 0)} ({p.Limits.MemoryFloor}): {fits}");
        }
        else
        {
            o.WriteLine("  memory expected: unknown (no calibration)");
        }
    }
}
