using System.Runtime.Versioning;
using ConnStorm.Scenarios;
using ConnStorm.Sockets;
using ConnStorm.Platform;

namespace ConnStorm.Running;

/// <summary>
/// How many worker and sink processes a run needs, derived from the descriptor limit that is
/// really in force (RLIMIT_NOFILE's hard limit, which every child inherits and raises its soft
/// limit to), or from a lower per-process budget given on the command line.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed record ProcessBudget(ulong DescriptorsPerProcess, long ConnectionsPerProcess, int Workers, int Sinks, bool BudgetGiven)
{
    /// <summary>
    /// Workers that connect at the same time: one per core when a hold at full speed (no rate) has
    /// more than <see cref="TurnsFromWorkersPerCore"/> workers per core; the others wait their turn (the parent opens one as each ends its
    /// connect phase). 0: all at once. Measured at 1,000,000 connections with 51 workers on 2 cores:
    /// every worker connecting at once left a handshake done inside connect() waiting, unreaped,
    /// while 50 other processes took the cores (see the latency split in the summary).
    /// </summary>
    public int ConnectingAtOnce { get; init; }

    /// <summary>
    /// Turns begin above this many workers per core. Measured on 2 cores: at 6 workers (100,000 connections)
    /// turns cost a fifth of the connect rate (49-51k/s against 63-66k/s) for a p99 of 2 ms instead of 12 ms;
    /// at 51 workers (1,000,000) they cost nothing and cut the p99 from 180 ms to 2.4 ms.
    /// </summary>
    public const int TurnsFromWorkersPerCore = 4;

    /// <summary>Descriptors a ConnStorm process uses before its first connection (runtime, epoll, pipes; about 60 measured) with room to spare.</summary>
    public const int Reserve = 128;

    /// <summary>Worker processes per run at most: 1024 × about 19,700 connections each (RLIMIT_NOFILE 20,000 here) is past any memory this kind of host has.</summary>
    public const int MaxProcesses = 1024;

    public static ProcessBudget For(Scenario scenario, ulong? descriptorsPerProcess, int? workersWanted = null)
    {
        ulong hard = FileDescriptorLimit.Read().Hard;
        ulong budget = descriptorsPerProcess is { } d && d < hard ? d : hard;
        long perProcess = Math.Max(1, (long)Math.Min(budget, int.MaxValue) - Reserve - (long)(budget / 100));
        // A churn holds at most its concurrency at once, however many it opens in all.
        long connections = scenario.Load.Mode == LoadMode.Churn ? scenario.Load.Concurrency : scenario.Load.Connections;
        int workers = workersWanted is { } w ? Math.Clamp(w, 1, MaxProcesses)
            : (int)Math.Clamp(Math.Max((connections + perProcess - 1) / perProcess, ForCores(connections)), 1, MaxProcesses);
        // A sink that never accepts holds its connections in the accept queue, with no descriptor.
        int sinks = scenario.Sink is null || scenario.Sink.Mode == SinkMode.NoAccept ? (scenario.Sink is null ? 0 : 1) : workers;
        int cores = Math.Max(1, Environment.ProcessorCount);
        bool gated = workers > TurnsFromWorkersPerCore * cores && scenario.Load.Mode == LoadMode.Hold && scenario.Load.Rate <= 0;
        return new ProcessBudget(budget, perProcess, workers, sinks, descriptorsPerProcess is not null)
        {
            ConnectingAtOnce = gated ? cores : 0,
        };
    }

    /// <summary>
    /// Below this many connections per worker a run is not split over cores: a worker process costs
    /// about 0.1 s to start and 40 MB, more than a few hundred connections take to open on one core.
    /// </summary>
    public const int MinConnectionsPerCoreWorker = 1000;

    /// <summary>
    /// Workers that put every core to work (Environment.ProcessorCount), <see cref="WorkersPerCore"/> per core, at least
    /// <see cref="MinConnectionsPerCoreWorker"/> connections each. The connect path is CPU-bound
    /// (socket, connect and the loopback handshake run in the worker's own context); the sinks, when
    /// they accept, are as many and share the cores with them.
    /// </summary>
    public static int ForCores(long connections) =>
        (int)Math.Clamp(connections / MinConnectionsPerCoreWorker, 1, WorkersPerCore * Math.Max(1, Environment.ProcessorCount));

    /// <summary>
    /// Workers per core by default. Measured on 2 cores, 19,000 connections to an accepting sink, alternating
    /// runs: 2 workers 0.34-0.37 s, 4 workers 0.29-0.33 s (a worker that waits in epoll_wait leaves the core
    /// to another instead of to nothing).
    /// </summary>
    public const int WorkersPerCore = 2;

    /// <summary>The sentence the results carry when a run was split.</summary>
    public string? Explanation =>
        Workers <= 1 && Sinks <= 1 ? null :
        $"RLIMIT_NOFILE allows {DescriptorsPerProcess} descriptors per process{(BudgetGiven ? " (--fds-per-process)" : "")}, " +
        $"about {ConnectionsPerProcess} connections each, and this machine has {Environment.ProcessorCount} core(s): " +
        $"the run was split over {Workers} worker process(es) and {Sinks} sink process(es)" +
        (Sinks > 1 ? " sharing their ports with SO_REUSEPORT" : "") + "." +
        (ConnectingAtOnce > 0 ? $" At most {ConnectingAtOnce} worker(s) connected at once (one per core); each of the others began its attempts when one before it ended its own." : "");
}
