using ConnStorm.Results;

namespace ConnStorm.Running;

public sealed record RunOptions
{
    /// <summary>Write results exactly here; null: results/&lt;scenario&gt;/&lt;UTC timestamp&gt;/.</summary>
    public string? OutDir { get; init; }
    /// <summary>Where results/ lives when no OutDir is given.</summary>
    public string ResultsRoot { get; init; } = "results";
    /// <summary>Live display on a terminal; plain lines otherwise.</summary>
    public bool Interactive { get; init; }
    /// <summary>Descriptors each worker and sink process may use; null: the RLIMIT_NOFILE hard limit as found.</summary>
    public ulong? FdsPerProcess { get; init; }
    /// <summary>Worker processes per run; null: as many as the descriptor budget requires.</summary>
    public int? Workers { get; init; }
    /// <summary>What is written from the results once the runs are done (plots, summary, report.html), in order. Default: none.</summary>
    public IReadOnlyList<IExporter> Exporters { get; init; } = [];
    public string Variant { get; init; } = "default";
    public int RunNumber { get; init; } = 1;
    /// <summary>
    /// Start gate (a cluster agent's): called once the lab, sinks and workers are ready, before the
    /// first attempt; returns the UTC time (this host's clock) to start connecting at, or null to start
    /// at once. It may block until the coordinator gives the common start. The time becomes the run's
    /// t = 0, which the workers wait for themselves (EventPump.Run). Default: none (start at once).
    /// </summary>
    public Func<CancellationToken, DateTime?>? StartAtUtc { get; init; }
    /// <summary>The memory floor from the command line (--memory-floor), over the scenario's load.memory_floor; null: the scenario's.</summary>
    public Rules.MemoryFloor? MemoryFloor { get; init; }
    /// <summary>Start a run even when its plan does not fit this machine (--no-fit-check).</summary>
    public bool SkipFitCheck { get; init; }
}
