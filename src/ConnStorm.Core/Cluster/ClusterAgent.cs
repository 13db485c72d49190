using System.Net;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using ConnStorm.Errors;
using ConnStorm.Results;
using ConnStorm.Running;
using ConnStorm.Scenarios;
using NATS.Client.Core;

namespace ConnStorm.Cluster;

/// <summary>
/// `connstorm agent`: announces itself, heartbeats every second, answers clock requests, and runs
/// each plan it accepts as a local single run (the same runner, workers, sinks and lab), gated to
/// the coordinator's common start; then hands its run folder over in chunks and says it is done.
/// One plan at a time. The NATS client reconnects by itself; the agent announces itself again
/// every time the connection opens.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ClusterAgent(NatsSettings settings, string name, IReadOnlyList<IPNetwork> allowed, TextWriter log)
{
    /// <summary>Under NATS's default max payload (1 MiB) once base64 and JSON are added.</summary>
    private const int ChunkBytes = 256 * 1024;
    private static readonly TimeSpan ReadyWait = TimeSpan.FromSeconds(120);

    private readonly Lock _lock = new();
    private CancellationTokenSource? _current;
    private string? _currentToken;
    private Task _runTask = Task.CompletedTask;

    /// <summary>Serves until <paramref name="ct"/> (SIGTERM) ends it; the current run is stopped and handed over first.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        await using var nats = new NatsConnection(settings.ToOpts($"connstorm-agent-{name}"));
        nats.ConnectionOpened += (_, _) =>
        {
            log.WriteLine($"connstorm agent {name}: connected to {settings.Url}");
            _ = Announce(nats);
            return default;
        };
        nats.ConnectionDisconnected += (_, _) =>
        {
            log.WriteLine($"connstorm agent {name}: disconnected from {settings.Url}; reconnecting");
            return default;
        };
        try
        {
            await nats.ConnectAsync();
        }
        catch (NatsException e)
        {
            log.WriteLine($"connstorm agent: cannot connect to NATS at {settings.Url}: {e.Message}");
            return ExitCodes.EnvironmentCannotRun;
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var tasks = new List<Task>
        {
            Serve(nats, Subjects.Discover, async _ => await Announce(nats), stop.Token),
            Serve(nats, Subjects.Clock(name), m => m.ReplyAsync(ClusterJson.Bytes(new ClockReply(DateTime.UtcNow.Ticks))).AsTask(), stop.Token),
            Serve(nats, Subjects.Plan(name), m => OnPlan(nats, m, ct), stop.Token),
            Serve(nats, Subjects.Stop(name), _ => { StopCurrent("the coordinator sent stop"); return Task.CompletedTask; }, stop.Token),
            Heartbeats(nats, stop.Token),
        };
        await Announce(nats);
        log.WriteLine($"connstorm agent {name}: serving on {settings.Url}");
        try
        {
            await Task.Delay(Timeout.Infinite, ct);
        }
        catch (OperationCanceledException)
        {
        }
        log.WriteLine($"connstorm agent {name}: stopping");
        StopCurrent("the agent was stopped (SIGTERM)");
        // The current shard reports and hands over what it measured, bounded.
        await Task.WhenAny(_runTask, Task.Delay(TimeSpan.FromSeconds(60), CancellationToken.None));
        await stop.CancelAsync();
        await Task.WhenAny(Task.WhenAll(tasks), Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None));
        return ExitCodes.Ran;
    }

    private async Task Announce(NatsConnection nats)
    {
        try
        {
            await nats.PublishAsync(Subjects.Hello, ClusterJson.Bytes(HostFacts.Of(name)));
        }
        catch (NatsException)
        {
            // Announced again when the connection opens.
        }
    }

    private static async Task Serve(NatsConnection nats, string subject, Func<NatsMsg<byte[]>, Task> handle, CancellationToken ct)
    {
        try
        {
            await foreach (var m in nats.SubscribeAsync<byte[]>(subject, cancellationToken: ct))
            {
                try
                {
                    await handle(m);
                }
                catch (NatsException)
                {
                    // A reply lost with the connection: the coordinator times out and says so.
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task Heartbeats(NatsConnection nats, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                string? token;
                lock (_lock)
                {
                    token = _currentToken;
                }
                await nats.PublishAsync(Subjects.Heartbeat(name), ClusterJson.Bytes(new Heartbeat(name, token)), cancellationToken: ct);
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (NatsException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
            }
        }
    }

    private void StopCurrent(string why)
    {
        lock (_lock)
        {
            if (_current is { IsCancellationRequested: false } cts)
            {
                log.WriteLine($"connstorm agent {name}: stopping run {_currentToken}: {why}");
                cts.Cancel();
            }
        }
    }

    private async Task OnPlan(NatsConnection nats, NatsMsg<byte[]> msg, CancellationToken agentCt)
    {
        var plan = ClusterJson.Read<Plan>(msg.Data);
        var scenario = PlanCheck.Check(plan, allowed, out string reason);
        if (scenario is not null && plan!.Role is { } role && role != PlanRoles.Load)
        {
            if (role == PlanRoles.Sink)
            {
                await OnSinkPlan(nats, msg, plan, scenario, agentCt);
                return;
            }
            scenario = null;
            reason = $"role: '{role}' is not a role (load or sink)";
        }
        lock (_lock)
        {
            if (scenario is not null && _currentToken is { } busy)
            {
                scenario = null;
                reason = $"busy: run {busy} is still going on";
            }
            if (scenario is not null)
            {
                _current = CancellationTokenSource.CreateLinkedTokenSource(agentCt);
                _currentToken = plan!.Token;
                var cts = _current;
                var accepted = scenario;
                _runTask = Task.Factory.StartNew(() => RunPlan(nats, plan, accepted, cts), CancellationToken.None,
                    TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
            }
        }
        if (scenario is null)
        {
            log.WriteLine($"connstorm agent {name}: refused a plan: {reason}");
        }
        else
        {
            log.WriteLine($"connstorm agent {name}: accepted run {plan!.Token} ({plan.RunId}): {scenario.Load.Connections} attempts");
        }
        await msg.ReplyAsync(ClusterJson.Bytes(new PlanReply(scenario is not null, scenario is null ? reason : null)), cancellationToken: CancellationToken.None);
    }

    /// <summary>
    /// A plan in the sink role: the sink processes start here, in the agent's own namespace, and the plan
    /// is answered only once they listen (or refused with why they did not), so the coordinator starts the
    /// load agents after it. They serve until stop; then the agent says done (failed when a sink ended early).
    /// </summary>
    private async Task OnSinkPlan(NatsConnection nats, NatsMsg<byte[]> msg, Plan plan, Scenario scenario, CancellationToken agentCt)
    {
        string? reason = null;
        Experiment? sinks = null;
        CancellationTokenSource? cts = null;
        lock (_lock)
        {
            if (_currentToken is { } busy)
            {
                reason = $"busy: run {busy} is still going on";
            }
            else
            {
                cts = CancellationTokenSource.CreateLinkedTokenSource(agentCt);
                _current = cts;
                _currentToken = plan.Token;
            }
        }
        int processes = 0;
        if (cts is not null)
        {
            try
            {
                // A sink that accepts needs a descriptor per connection: as many SO_REUSEPORT processes as a local run would use.
                processes = ProcessBudget.For(scenario, null).Sinks;
                sinks = Experiment.Start(scenario, workers: 0, sinks: processes, fdCap: null, cts.Token);
            }
            catch (Exception e) when (e is ExperimentException or IOException or System.ComponentModel.Win32Exception)
            {
                reason = $"the sink did not start: {e.Message}";
                lock (_lock)
                {
                    _currentToken = null;
                    _current = null;
                }
                cts.Dispose();
            }
        }
        string listen = string.Join(", ", scenario.Sink!.Listen.Select(e => Sockets.SockAddr.Format(e.Address, e.Port)));
        if (sinks is not null)
        {
            log.WriteLine($"connstorm agent {name}: run {plan.Token} ({plan.RunId}): serving {listen} in the sink role ({processes} process(es))");
            var serving = sinks;
            var running = cts!;
            _runTask = Task.Factory.StartNew(() => ServeSink(nats, plan, serving, running), CancellationToken.None,
                TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        }
        else
        {
            log.WriteLine($"connstorm agent {name}: refused a sink plan: {reason}");
        }
        await msg.ReplyAsync(ClusterJson.Bytes(new PlanReply(sinks is not null, reason)), cancellationToken: CancellationToken.None);
    }

    private async Task ServeSink(NatsConnection nats, Plan plan, Experiment sinks, CancellationTokenSource cts)
    {
        string status = "complete";
        string? error = null;
        try
        {
            while (!cts.IsCancellationRequested)
            {
                if (sinks.EndedSink() is { } ended)
                {
                    status = "failed";
                    error = $"a sink process ended while serving: {ended}";
                    break;
                }
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(250), cts.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        }
        finally
        {
            sinks.Dispose();
            try
            {
                await nats.RequestAsync<byte[], byte[]>(Subjects.Run(plan.Token, "done"),
                    ClusterJson.Bytes(new Done(name, status, 0, error)), replyOpts: new NatsSubOpts { Timeout = TimeSpan.FromSeconds(10) });
            }
            catch (NatsException e)
            {
                log.WriteLine($"connstorm agent {name}: the coordinator did not take the end of run {plan.Token}: {e.Message}");
            }
            lock (_lock)
            {
                _currentToken = null;
                _current = null;
            }
            cts.Dispose();
            log.WriteLine($"connstorm agent {name}: sink of run {plan.Token} {status}{(error is null ? "" : ": " + error)}");
        }
    }

    private async Task RunPlan(NatsConnection nats, Plan plan, Scenario scenario, CancellationTokenSource cts)
    {
        string dir = Path.Combine(Path.GetTempPath(), $"connstorm-agent-{name}-{plan.Token}");
        string status = "failed";
        string? error = null;
        long attempts = 0;
        try
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
            var options = new RunOptions
            {
                OutDir = dir,
                ResultsRoot = Path.GetTempPath(),
                Exporters = [],
                StartAtUtc = gateCt => WaitForStart(nats, plan, gateCt),
            };
            using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
            var sampler = Task.Run(() => Sample(nats, plan.Token, dir, sampling.Token), CancellationToken.None);
            var outcome = new ScenarioRunner(scenario, options, log).Run(cts.Token);
            await sampling.CancelAsync();
            await sampler;
            attempts = outcome.Row?.Attempted ?? 0;
            error = outcome.Error;
            status = outcome.Row is null ? "failed" : outcome.ExitCode == ExitCodes.Interrupted ? "interrupted" : outcome.ExitCode == ExitCodes.Ran ? "complete" : "failed";
            if (Directory.Exists(dir))
            {
                await HandOver(nats, plan.Token, dir);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NatsException or ResultsWriteException)
        {
            error = e.Message;
        }
        finally
        {
            try
            {
                await nats.RequestAsync<byte[], byte[]>(Subjects.Run(plan.Token, "done"),
                    ClusterJson.Bytes(new Done(name, status, attempts, error)), replyOpts: new NatsSubOpts { Timeout = TimeSpan.FromSeconds(10) });
            }
            catch (NatsException e)
            {
                log.WriteLine($"connstorm agent {name}: the coordinator did not take the end of run {plan.Token}: {e.Message}");
            }
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
            lock (_lock)
            {
                _currentToken = null;
                _current = null;
            }
            cts.Dispose();
            log.WriteLine($"connstorm agent {name}: run {plan.Token} {status}{(error is null ? "" : ": " + error)}");
        }
    }

    /// <summary>The start gate: tell the coordinator this shard is ready; its reply is the common start in this host's clock.</summary>
    private DateTime? WaitForStart(NatsConnection nats, Plan plan, CancellationToken ct)
    {
        try
        {
            var reply = nats.RequestAsync<byte[], byte[]>(Subjects.Run(plan.Token, "ready"), ClusterJson.Bytes(new Ready(name)),
                replyOpts: new NatsSubOpts { Timeout = ReadyWait }, cancellationToken: ct).AsTask().GetAwaiter().GetResult();
            if (ClusterJson.Read<StartAt>(reply.Data) is { } start)
            {
                return new DateTime(start.UtcTicks, DateTimeKind.Utc);
            }
        }
        catch (Exception e) when (e is NatsException or OperationCanceledException)
        {
            log.WriteLine($"connstorm agent {name}: no start for run {plan.Token}: {e.Message}");
        }
        // No common start: do not run the shard on its own.
        StopCurrent("no start time came from the coordinator");
        return null;
    }

    private async Task Sample(NatsConnection nats, string token, string dir, CancellationToken ct)
    {
        var timeline = new FileTail(Path.Combine(dir, ResultFiles.Timeline));
        var failures = new FileTail(Path.Combine(dir, ResultFiles.Failures));
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            var t = timeline.ReadNew();
            var f = failures.ReadNew(20);
            if (t.Count + f.Count == 0)
            {
                continue;
            }
            try
            {
                await nats.PublishAsync(Subjects.Run(token, "sample"), ClusterJson.Bytes(new Sample(name, t, f)), cancellationToken: ct);
            }
            catch (Exception e) when (e is NatsException or OperationCanceledException)
            {
                // Live progress only; the files follow at the end.
            }
        }
    }

    /// <summary>Every file of the run folder, in chunks the coordinator acknowledges one by one.</summary>
    private async Task HandOver(NatsConnection nats, string token, string dir)
    {
        foreach (string path in Directory.GetFiles(dir).Order(StringComparer.Ordinal))
        {
            byte[] bytes = await File.ReadAllBytesAsync(path);
            string sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
            int count = Math.Max(1, (bytes.Length + ChunkBytes - 1) / ChunkBytes);
            for (int i = 0; i < count; i++)
            {
                int from = i * ChunkBytes;
                var chunk = new FileChunk(name, Path.GetFileName(path), i, count, sha, bytes[from..Math.Min(bytes.Length, from + ChunkBytes)]);
                await nats.RequestAsync<byte[], byte[]>(Subjects.Run(token, "file"), ClusterJson.Bytes(chunk),
                    replyOpts: new NatsSubOpts { Timeout = TimeSpan.FromSeconds(10) });
            }
        }
    }
}
