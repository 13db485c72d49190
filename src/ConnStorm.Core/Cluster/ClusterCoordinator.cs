using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using ConnStorm.Errors;
using ConnStorm.Exporters;
using ConnStorm.Results;
using ConnStorm.Running;
using ConnStorm.Scenarios;
using NATS.Client.Core;

namespace ConnStorm.Cluster;

/// <summary>
/// `run --cluster`: waits for the agents, measures their clocks, and runs every run of the sweep on
/// the whole fleet (one shard per agent, one common start), then writes one results folder:
/// each host's own folder under hosts/&lt;name&gt;/, cluster.json, the merged files and the exporters'.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed partial class ClusterCoordinator(Scenario scenario, RunOptions options, ClusterRequest request, TextWriter log)
{
    private static readonly TimeSpan LostAfter = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan ReadyBound = TimeSpan.FromSeconds(90);

    private readonly ConcurrentDictionary<string, Hello> _hellos = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTime> _beats = new(StringComparer.Ordinal);

    public async Task<RunOutcome> RunAsync(CancellationToken ct)
    {
        if (scenario.Cluster is { } c && request.AgentNames.Count > 0 &&
            c.Hosts.FirstOrDefault(h => !request.AgentNames.Contains(h.Name)) is { } unknown)
        {
            return new RunOutcome(ExitCodes.BadInput, null, null,
                $"{c.Location}: cluster.hosts.{unknown.Name}: not one of the agents asked for ({string.Join(", ", request.AgentNames)})");
        }
        await using var nats = new NatsConnection(request.Nats.ToOpts("connstorm-coordinator"));
        try
        {
            await nats.ConnectAsync();
        }
        catch (NatsException e)
        {
            return new RunOutcome(ExitCodes.EnvironmentCannotRun, null, null, $"cannot connect to NATS at {request.Nats.Url}: {e.Message}");
        }
        using var life = new CancellationTokenSource();
        var listeners = new[]
        {
            Listen(nats, Subjects.Hello, m =>
            {
                if (ClusterJson.Read<Hello>(m.Data) is { } h)
                {
                    _hellos[h.Name] = h;
                    _beats[h.Name] = DateTime.UtcNow;
                }
            }, life.Token),
            Listen(nats, Subjects.Heartbeats, m =>
            {
                if (ClusterJson.Read<Heartbeat>(m.Data) is { } b)
                {
                    _beats[b.Name] = DateTime.UtcNow;
                }
            }, life.Token),
        };
        try
        {
            await Task.WhenAll(listeners.Select(l => l.Subscribed));
            var (agents, missing) = await WaitForAgents(nats, ct);
            if (missing is not null)
            {
                return new RunOutcome(ct.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.EnvironmentCannotRun, null, null, missing);
            }
            if (scenario.Cluster?.Hosts.FirstOrDefault(h => !agents.Contains(h.Name)) is { } notThere)
            {
                return new RunOutcome(ExitCodes.BadInput, null, null,
                    $"{scenario.Cluster.Location}: cluster.hosts.{notThere.Name}: no such agent (agents: {string.Join(", ", agents)})");
            }
            if (agents.All(a => SinkHost(a) is not null))
            {
                return new RunOutcome(ExitCodes.BadInput, null, null,
                    $"{scenario.Cluster!.Location}: cluster.hosts: every agent is in the sink role ({string.Join(", ", agents)}); at least one must load");
            }
            log.WriteLine($"agents: {string.Join(", ", agents)}");
            var clocks = new Dictionary<string, (double OffsetMs, double RttMs)>(StringComparer.Ordinal);
            foreach (string a in agents)
            {
                if (await MeasureClock(nats, a, ct) is not { } clock)
                {
                    return new RunOutcome(ExitCodes.EnvironmentCannotRun, null, null, $"agent {a} does not answer clock requests on {Subjects.Clock(a)}");
                }
                clocks[a] = clock;
                log.WriteLine($"agent {a}: clock offset {clock.OffsetMs:0.000} ms, round trip {clock.RttMs:0.000} ms");
            }
            return await RunAll(nats, agents, clocks, ct);
        }
        finally
        {
            await life.CancelAsync();
            await Task.WhenAll(listeners.Select(l => l.Done));
        }
    }

    private async Task<(List<string> Agents, string? Missing)> WaitForAgents(NatsConnection nats, CancellationToken ct)
    {
        var wanted = request.AgentNames.Count > 0 ? request.AgentNames.ToList()
            : request.Agents is null && scenario.Cluster is { } c ? c.Hosts.Select(h => h.Name).ToList() : [];
        int count = request.Agents ?? Math.Max(1, wanted.Count);
        var waited = Stopwatch.StartNew();
        TimeSpan? settleAt = null;
        long nextDiscover = 0;
        while (!ct.IsCancellationRequested && waited.Elapsed < request.Wait)
        {
            if (waited.ElapsedMilliseconds >= nextDiscover)
            {
                await nats.PublishAsync(Subjects.Discover, Array.Empty<byte>(), cancellationToken: CancellationToken.None);
                nextDiscover = waited.ElapsedMilliseconds + 1000;
            }
            var present = _hellos.Keys.ToList();
            if (wanted.Count > 0 ? wanted.All(present.Contains) : present.Count >= count)
            {
                // Without a number or names, every agent that answers within a second of the first one.
                settleAt ??= waited.Elapsed + (request.Agents is null && wanted.Count == 0 ? TimeSpan.FromSeconds(1) : TimeSpan.Zero);
                if (waited.Elapsed >= settleAt)
                {
                    var chosen = wanted.Count > 0 ? wanted : present.Order(StringComparer.Ordinal).Take(request.Agents ?? present.Count).ToList();
                    return (chosen, null);
                }
            }
            await Task.Delay(100, CancellationToken.None);
        }
        var answered = _hellos.Keys.Order(StringComparer.Ordinal).ToList();
        string who = answered.Count == 0 ? "none answered" : $"answered: {string.Join(", ", answered)}";
        string waitText = $"{request.Wait.TotalSeconds:0.#} s";
        if (ct.IsCancellationRequested)
        {
            return ([], $"interrupted while waiting for agents ({who})");
        }
        return wanted.Count > 0
            ? ([], $"agents missing after {waitText} on {request.Nats.Url}: {string.Join(", ", wanted.Where(w => !answered.Contains(w)))} ({who})")
            : ([], $"only {answered.Count} of {count} agents answered within {waitText} on {request.Nats.Url} ({who})");
    }

    /// <summary>About 20 round trips; the one with the smallest round trip gives the offset (its error is at most half of it).</summary>
    private static async Task<(double OffsetMs, double RttMs)?> MeasureClock(NatsConnection nats, string agent, CancellationToken ct)
    {
        (double, double)? best = null;
        for (int i = 0; i < 20 && !ct.IsCancellationRequested; i++)
        {
            try
            {
                var sent = DateTime.UtcNow;
                long t0 = Stopwatch.GetTimestamp();
                var reply = await nats.RequestAsync<byte[], byte[]>(Subjects.Clock(agent), [], replyOpts: new NatsSubOpts { Timeout = TimeSpan.FromSeconds(2) }, cancellationToken: ct);
                var rtt = Stopwatch.GetElapsedTime(t0);
                if (ClusterJson.Read<ClockReply>(reply.Data) is not { } r)
                {
                    continue;
                }
                double offset = (r.UtcTicks - (sent + rtt / 2).Ticks) / (double)TimeSpan.TicksPerMillisecond;
                if (best is null || rtt.TotalMilliseconds < best.Value.Item2)
                {
                    best = (offset, rtt.TotalMilliseconds);
                }
            }
            catch (NatsException)
            {
            }
        }
        return best;
    }

    /// <summary>A core subscription read on its own task; Subscribed completes once the server has it.</summary>
    private sealed record Listener(Task Subscribed, Task Done);

    private static Listener Listen(NatsConnection nats, string subject, Action<NatsMsg<byte[]>> handle, CancellationToken ct)
    {
        var subscribed = new TaskCompletionSource();
        var done = Task.Run(async () =>
        {
            try
            {
                await using var sub = await nats.SubscribeCoreAsync<byte[]>(subject, cancellationToken: ct);
                subscribed.TrySetResult();
                await foreach (var m in sub.Msgs.ReadAllAsync(ct))
                {
                    handle(m);
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (NatsException e)
            {
                subscribed.TrySetException(e);
            }
            finally
            {
                subscribed.TrySetResult();
            }
        }, CancellationToken.None);
        return new Listener(subscribed.Task, done);
    }

    private static string Ms(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
