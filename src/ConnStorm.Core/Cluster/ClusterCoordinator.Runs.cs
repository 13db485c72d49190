using System.Diagnostics;
using System.Globalization;
using ConnStorm.Errors;
using ConnStorm.Exporters;
using ConnStorm.Results;
using ConnStorm.Running;
using ConnStorm.Scenarios;
using NATS.Client.Core;

namespace ConnStorm.Cluster;

public sealed partial class ClusterCoordinator
{
    private async Task<RunOutcome> RunAll(NatsConnection nats, List<string> agents, Dictionary<string, (double OffsetMs, double RttMs)> clocks, CancellationToken ct)
    {
        string dir;
        var started = DateTime.UtcNow;
        try
        {
            dir = ResultsFolder.Resolve(options.OutDir, scenario.Name, DateTime.UtcNow, options.ResultsRoot);
            ManifestWriter.Write(Path.Combine(dir, ResultFiles.Manifest), ManifestStart.Of(scenario, started));
        }
        catch (Exception e) when (ResultsWriteException.IsWriteFailure(e))
        {
            return new RunOutcome(ExitCodes.EnvironmentCannotRun, null, null, ResultsWriteException.About(options.OutDir ?? options.ResultsRoot, e).Message);
        }
        var hosts = agents.Select(a => _hellos[a] is var h
            ? new ClusterHost { Name = a, KernelRelease = h.KernelRelease, Cores = h.Cores, RlimitNofile = (long)h.RlimitNofile, Addresses = h.Addresses, PortRange = h.PortRange, ClockOffsetMs = Math.Round(clocks[a].OffsetMs, 3), RttMs = Math.Round(clocks[a].RttMs, 3),
                Role = SinkHost(a) is null ? "load" : "sink" }
            : null!).ToList();
        var doc = new ClusterFile { Nats = request.Nats.Url, CoordinatorHostname = SystemFacts.Hostname(), Hosts = hosts };
        var runs = SweepExpander.Expand(scenario);
        bool flat = runs.Count == 1 && scenario.Sweep is null;
        var done = new List<ClusterRun>();
        var notes = new List<string>();
        foreach (var run in runs)
        {
            if (ct.IsCancellationRequested)
            {
                break;
            }
            string runDirRel = flat ? "." : Path.Combine("runs", run.Id);
            ResultsFolder.Create(Path.Combine(dir, runDirRel));
            var result = await RunOne(nats, run, runDirRel, Path.Combine(dir, runDirRel), agents, clocks, notes, ct);
            done.Add(result);
            ClusterFile.Write(Path.Combine(dir, ResultFiles.Cluster), doc with { Runs = done });
        }
        ClusterFile.Write(Path.Combine(dir, ResultFiles.Cluster), doc with { Runs = done });
        bool interrupted = ct.IsCancellationRequested;
        var all = done.SelectMany(r => r.Hosts).ToList();
        foreach (var h in done.SelectMany(r => r.Hosts.Concat(r.Sinks).Where(h => h.Status != "complete").Select(h => (r, h))))
        {
            notes.Add($"run {h.r.Run}: {(IsSink(h.r, h.h) ? "sink agent" : "host")} {h.h.Name} {h.h.Status}" +
                (h.h.LostAtMs is { } at ? $" {at.ToString("0", CultureInfo.InvariantCulture)} ms after the start" : "") +
                (h.h.Error is { } e ? $": {e}" : ""));
        }
        foreach (var (r, h) in done.SelectMany(r => r.Sinks.Where(h => h.Status == HostStatus.Complete).Select(h => (r, h))))
        {
            string listen = string.Join(", ", SinkHost(h.Name)!.Listen.Select(e => Sockets.SockAddr.Format(e.Address, e.Port)));
            notes.Add($"run {r.Run}: sink agent {h.Name} served {listen} from before the start to after the load agents' end");
        }
        int exit = interrupted ? ExitCodes.Interrupted
            : all.Count == 0 || all.All(h => h.Status != "complete") ? ExitCodes.EnvironmentCannotRun
            : all.Any(h => h.Status != "complete") || done.Any(r => r.Sinks.Any(h => h.Status != "complete")) ? ExitCodes.Partial
            : ExitCodes.Ran;
        string? error = exit switch
        {
            ExitCodes.EnvironmentCannotRun => "no agent completed a run" + (notes.Count > 0 ? ": " + string.Join("; ", notes) : ""),
            ExitCodes.Partial => "part of the fleet did not complete: " + string.Join("; ", notes),
            _ => null,
        };
        if (done.Count > 0)
        {
            ClusterMerge.Write(dir);
        }
        var manifest = ManifestStart.Of(scenario, started).Completed(DateTime.UtcNow, interrupted, notes) with { ExitCode = exit };
        ManifestWriter.Write(Path.Combine(dir, ResultFiles.Manifest), manifest);
        IReadOnlyList<RunRow> rows = File.Exists(Path.Combine(dir, ResultFiles.Runs)) ? RunsCsv.Read(Path.Combine(dir, ResultFiles.Runs)) : [];
        if (rows.Count > 0)
        {
            var exported = ExportRun.All(options.Exporters, ResultsModel.Open(dir));
            foreach (var e in exported.Errors)
            {
                log.WriteLine($"connstorm: {e}");
            }
            if (exported.WriteFailure is { } failure)
            {
                throw ResultsWriteException.About(dir, failure);
            }
        }
        return new RunOutcome(exit, dir, rows.Count > 0 ? rows[^1] : null, error) { Rows = rows };
    }

    private async Task<ClusterRun> RunOne(NatsConnection nats, SweepRun run, string runDirRel, string runDir, List<string> agents,
        Dictionary<string, (double OffsetMs, double RttMs)> clocks, List<string> notes, CancellationToken ct)
    {
        string token = $"{run.Number}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6))}";
        var state = new ClusterRunState(runDir, agents);
        using var life = new CancellationTokenSource();
        var listener = Listen(nats, Subjects.Run(token, ">"), m => OnRunMessage(state, m), life.Token);
        await listener.Subscribed;
        var statuses = new Dictionary<string, ClusterRunHost>(StringComparer.Ordinal);
        var accepted = new List<string>();
        var sinkAgents = agents.Where(a => SinkHost(a) is not null).ToList();
        var (sinkStatuses, sinkError) = await StartSinks(nats, token, run, sinkAgents);
        var sinkPending = new HashSet<string>(sinkStatuses.Where(kv => kv.Value.Status == HostStatus.Complete).Select(kv => kv.Key), StringComparer.Ordinal);
        agents = agents.Where(a => SinkHost(a) is null).ToList();
        for (int i = 0; i < agents.Count; i++)
        {
            string a = agents[i];
            var shard = ClusterShards.For(run.Scenario, i, agents.Count, scenario.Cluster?.Hosts.FirstOrDefault(h => h.Name == a), sinkAgents.Count > 0);
            if (sinkError is not null)
            {
                // Without its sinks the load would only measure refused connections: it does not start.
                statuses[a] = new ClusterRunHost { Name = a, Status = HostStatus.Failed, Attempts = shard.Load.Connections, Error = $"not started: {sinkError}" };
                continue;
            }
            var plan = new Plan(token, run.Number, run.Id, ClusterShards.ToJson(shard));
            try
            {
                var reply = await nats.RequestAsync<byte[], byte[]>(Subjects.Plan(a), ClusterJson.Bytes(plan),
                    replyOpts: new NatsSubOpts { Timeout = TimeSpan.FromSeconds(10) }, cancellationToken: CancellationToken.None);
                var answer = ClusterJson.Read<PlanReply>(reply.Data);
                if (answer is { Accepted: true })
                {
                    accepted.Add(a);
                    statuses[a] = new ClusterRunHost { Name = a, Status = HostStatus.Complete, Attempts = shard.Load.Connections };
                }
                else
                {
                    statuses[a] = new ClusterRunHost { Name = a, Status = HostStatus.Refused, Attempts = shard.Load.Connections, Error = answer?.Reason ?? "no readable answer to the plan" };
                    log.WriteLine($"run {run.Number}: agent {a} refused the plan: {statuses[a].Error}");
                }
            }
            catch (NatsException e)
            {
                statuses[a] = new ClusterRunHost { Name = a, Status = HostStatus.Failed, Attempts = shard.Load.Connections, Error = $"no answer to the plan: {e.Message}" };
            }
        }
        log.WriteLine($"run {run.Number} ({run.Id}): {accepted.Count} of {agents.Count} agents accepted; preparing");

        // Every accepted agent says ready (lab, sinks, workers up) or done (it could not prepare), bounded.
        var pending = new HashSet<string>(accepted, StringComparer.Ordinal);
        var lost = new Dictionary<string, double?>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        bool stopSent = false;
        while (clock.Elapsed < ReadyBound)
        {
            if (ct.IsCancellationRequested && !stopSent)
            {
                await StopAll(nats, agents);
                stopSent = true;
            }
            lock (state.Sync)
            {
                if (pending.All(a => state.Ready.ContainsKey(a) || state.Done.ContainsKey(a)))
                {
                    break;
                }
            }
            MarkLost(pending, lost, state, null);
            MarkLost(sinkPending, lost, state, null);
            await Task.Delay(50, CancellationToken.None);
        }
        double maxRtt = accepted.Count == 0 ? 0 : accepted.Max(a => clocks[a].RttMs);
        var start = DateTime.UtcNow + TimeSpan.FromMilliseconds(maxRtt * 4 + 500);
        List<(string Name, NatsMsg<byte[]> Msg)> ready;
        lock (state.Sync)
        {
            ready = state.Ready.Select(kv => (kv.Key, kv.Value)).ToList();
        }
        foreach (var (name, msg) in ready)
        {
            long agentTicks = start.Ticks + (long)(clocks[name].OffsetMs * TimeSpan.TicksPerMillisecond);
            await msg.ReplyAsync(ClusterJson.Bytes(new StartAt(agentTicks)), cancellationToken: CancellationToken.None);
        }
        log.WriteLine($"run {run.Number}: start at {start:HH:mm:ss.fff} UTC on {ready.Count} agents");

        var l = run.Scenario.Load;
        var bound = l.TimeLimit + l.Hold + run.Scenario.Client.ConnectTimeout + TimeSpan.FromSeconds(60);
        var runClock = Stopwatch.StartNew();
        long nextProgress = 1000;
        Stopwatch? sinceStop = null;
        while (runClock.Elapsed < bound && (sinceStop is null || sinceStop.Elapsed < TimeSpan.FromSeconds(30)))
        {
            if (ct.IsCancellationRequested && !stopSent)
            {
                await StopAll(nats, agents);
                stopSent = true;
            }
            if (stopSent)
            {
                sinceStop ??= Stopwatch.StartNew();
            }
            lock (state.Sync)
            {
                pending.RemoveWhere(state.Done.ContainsKey);
            }
            MarkLost(pending, lost, state, start);
            MarkLost(sinkPending, lost, state, start);
            if (pending.Count == 0)
            {
                break;
            }
            if (runClock.ElapsedMilliseconds >= nextProgress)
            {
                Progress(run.Number, state, runClock.Elapsed);
                nextProgress += 1000;
            }
            await Task.Delay(100, CancellationToken.None);
        }
        if (pending.Count > 0)
        {
            // Still silent-but-alive or never ready: stopped, recorded as failed.
            await StopAll(nats, pending);
        }
        await StopSinks(nats, sinkPending, lost, state, start);
        // Give chunks in flight a moment, then stop listening.
        await Task.Delay(200, CancellationToken.None);
        await life.CancelAsync();
        await listener.Done;
        lock (state.Sync)
        {
            foreach (string a in accepted)
            {
                var d = state.Done.GetValueOrDefault(a);
                statuses[a] = lost.TryGetValue(a, out var at)
                    ? statuses[a] with { Status = "lost", LostAtMs = at is { } v ? Math.Round(v, 1) : null, Error = "heartbeats stopped" }
                    : d is null ? statuses[a] with { Status = "failed", Error = pending.Contains(a) ? "no end of run within its bound" : "no end of run" }
                    : d.Status is "complete" or "interrupted" ? statuses[a] with { Status = "complete", Error = d.Status == "interrupted" ? "interrupted: stopped before the end" : null }
                    : statuses[a] with { Status = "failed", Error = d.Error };
            }
            foreach (string a in sinkAgents.Where(a => sinkStatuses[a].Status == HostStatus.Complete))
            {
                var d = state.Done.GetValueOrDefault(a);
                sinkStatuses[a] = lost.TryGetValue(a, out var at)
                    ? sinkStatuses[a] with { Status = HostStatus.Lost, LostAtMs = at is { } v ? Math.Round(v, 1) : null, Error = "heartbeats stopped" }
                    : d is null ? sinkStatuses[a] with { Status = HostStatus.Failed, Error = "no end of its sink after stop" }
                    : d.Status == "complete" ? sinkStatuses[a]
                    : sinkStatuses[a] with { Status = HostStatus.Failed, Error = d.Error };
            }
            notes.AddRange(state.Problems.Select(p => $"run {run.Number}: {p}"));
        }
        Progress(run.Number, state, runClock.Elapsed);
        return new ClusterRun { Run = run.Number, Id = run.Id, RunDir = runDirRel == "." ? "." : runDirRel.Replace('\\', '/'), StartUtc = start, Hosts = agents.Select(a => statuses[a]).ToList(),
            Sinks = sinkAgents.Select(a => sinkStatuses[a]).ToList() };
    }

    private ClusterHostSpec? SinkHost(string agent) =>
        scenario.Cluster?.Hosts.FirstOrDefault(h => h.Name == agent && h.Role == ClusterRole.Sink);

    private static bool IsSink(ClusterRun run, ClusterRunHost host) => run.Sinks.Contains(host);

    /// <summary>
    /// The sink agents' plans, one after the other: each agent answers once its sinks listen (or says why
    /// not), so every sink serves before any load plan is sent. The error names the first that did not start.
    /// </summary>
    private async Task<(Dictionary<string, ClusterRunHost> Statuses, string? Error)> StartSinks(NatsConnection nats, string token, SweepRun run, List<string> sinkAgents)
    {
        var statuses = new Dictionary<string, ClusterRunHost>(StringComparer.Ordinal);
        string? error = null;
        foreach (string a in sinkAgents)
        {
            var host = SinkHost(a)!;
            string listen = string.Join(", ", host.Listen.Select(e => Sockets.SockAddr.Format(e.Address, e.Port)));
            var plan = new Plan(token, run.Number, run.Id, ClusterShards.ToJson(ClusterShards.ForSink(run.Scenario, host)), PlanRoles.Sink);
            ClusterRunHost status;
            try
            {
                // Starting sink processes can take a few seconds each (the budget may split it over several).
                var reply = await nats.RequestAsync<byte[], byte[]>(Subjects.Plan(a), ClusterJson.Bytes(plan),
                    replyOpts: new NatsSubOpts { Timeout = TimeSpan.FromSeconds(60) }, cancellationToken: CancellationToken.None);
                var answer = ClusterJson.Read<PlanReply>(reply.Data);
                status = answer is { Accepted: true }
                    ? new ClusterRunHost { Name = a, Status = HostStatus.Complete }
                    : new ClusterRunHost { Name = a, Status = HostStatus.Refused, Error = answer?.Reason ?? "no readable answer to the sink plan" };
            }
            catch (NatsException e)
            {
                status = new ClusterRunHost { Name = a, Status = HostStatus.Failed, Error = $"no answer to the sink plan: {e.Message}" };
            }
            statuses[a] = status;
            log.WriteLine(status.Status == HostStatus.Complete
                ? $"run {run.Number}: sink agent {a} listening on {listen}"
                : $"run {run.Number}: sink agent {a} did not start ({listen}): {status.Error}");
            error ??= status.Status == HostStatus.Complete ? null : $"sink agent {a} did not start: {status.Error}";
        }
        return (statuses, error);
    }

    /// <summary>After the load agents: stop every sink agent still serving and wait for its end, bounded.</summary>
    private async Task StopSinks(NatsConnection nats, HashSet<string> sinkPending, Dictionary<string, double?> lost, ClusterRunState state, DateTime start)
    {
        if (sinkPending.Count == 0)
        {
            return;
        }
        await StopAll(nats, sinkPending);
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(15))
        {
            lock (state.Sync)
            {
                sinkPending.RemoveWhere(state.Done.ContainsKey);
            }
            MarkLost(sinkPending, lost, state, start);
            if (sinkPending.Count == 0)
            {
                return;
            }
            await Task.Delay(100, CancellationToken.None);
        }
    }

    private void MarkLost(HashSet<string> pending, Dictionary<string, double?> lost, ClusterRunState state, DateTime? start)
    {
        var now = DateTime.UtcNow;
        foreach (string a in pending.ToList())
        {
            var last = _beats.GetValueOrDefault(a);
            if (now - last > LostAfter)
            {
                lost[a] = start is { } s ? (last - s).TotalMilliseconds : null;
                pending.Remove(a);
                log.WriteLine($"agent {a}: lost (no heartbeat for {(now - last).TotalSeconds:0.0} s); finishing with the rest");
                lock (state.Sync)
                {
                    state.Done.Remove(a);
                }
            }
        }
    }

    private static async Task StopAll(NatsConnection nats, IEnumerable<string> agents)
    {
        foreach (string a in agents)
        {
            try
            {
                await nats.PublishAsync(Subjects.Stop(a), Array.Empty<byte>(), cancellationToken: CancellationToken.None);
            }
            catch (NatsException)
            {
            }
        }
    }

    private void OnRunMessage(ClusterRunState state, NatsMsg<byte[]> m)
    {
        string what = m.Subject[(m.Subject.LastIndexOf('.') + 1)..];
        switch (what)
        {
            case "ready" when ClusterJson.Read<Ready>(m.Data) is { } r:
                lock (state.Sync)
                {
                    state.Ready[r.Name] = m;
                }
                break;
            case "sample" when ClusterJson.Read<Sample>(m.Data) is { } s:
                // A sample is a sign of life as good as a heartbeat and twice as frequent: without it a host killed
                // in the first second of a run was "lost" at its last heartbeat before the start (a negative lost_at_ms).
                _beats[s.Name] = DateTime.UtcNow;
                state.OnSample(s);
                break;
            case "file" when ClusterJson.Read<FileChunk>(m.Data) is { } c:
                state.OnChunk(c);
                _ = m.ReplyAsync(Array.Empty<byte>(), cancellationToken: CancellationToken.None).AsTask();
                break;
            case "done" when ClusterJson.Read<Done>(m.Data) is { } d:
                lock (state.Sync)
                {
                    state.Done[d.Name] = d;
                }
                log.WriteLine($"agent {d.Name}: {d.Status}, {d.Attempts} attempts{(d.Error is null ? "" : ": " + d.Error)}");
                _ = m.ReplyAsync(Array.Empty<byte>(), cancellationToken: CancellationToken.None).AsTask();
                break;
        }
    }

    /// <summary>One plain line: the hosts' latest timeline rows summed (open connections, failures so far).</summary>
    private void Progress(int run, ClusterRunState state, TimeSpan elapsed)
    {
        long open = 0, failures = 0;
        int hosts;
        lock (state.Sync)
        {
            hosts = state.LastTimeline.Count;
            foreach (var row in state.LastTimeline.Values)
            {
                var f = row.Split(',');
                open += f.Length > 1 && long.TryParse(f[1], CultureInfo.InvariantCulture, out long o) ? o : 0;
                failures += f.Length > 4 && long.TryParse(f[4], CultureInfo.InvariantCulture, out long x) ? x : 0;
            }
        }
        log.WriteLine($"run {run} [{elapsed.TotalSeconds:0.0} s]: {hosts} hosts reporting, {open} open, {failures} failures");
    }
}
