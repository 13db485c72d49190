using System.Globalization;
using System.Runtime.Versioning;
using ConnStorm.Lab;
using ConnStorm.Scenarios;

namespace ConnStorm.Running;

/// <summary>
/// What one connection costs on this kernel, measured rather than assumed: two throwaway runs of the
/// scenario's own shape (its lab, sink and client), <see cref="Small"/> and <see cref="Size"/>
/// connections, each in a fresh lab and read the way every run is read (slab growth, ConnStorm's
/// resident memory). ConnStorm's growth per connection is the slope between the two, so what a run
/// pays once (the runtime's first allocations) does not count per connection; the kernel's is the
/// larger run's own, since it is proportional from the first connection.
/// </summary>
/// <param name="KernelBytesPerConnection">Slab growth per connection, both ends (Results.KernelMemory).</param>
/// <param name="ConnStormGrowthBytesPerConnection">Growth of ConnStorm's processes' resident memory per connection.</param>
/// <param name="ProcessBaselineBytes">A worker's resident memory when ready, before its first connection.</param>
[SupportedOSPlatform("linux")]
public sealed record Calibration(long KernelBytesPerConnection, long ConnStormGrowthBytesPerConnection, long ProcessBaselineBytes, long Connections, double Seconds)
{
    /// <summary>Connections of the larger calibration run: enough that per-connection figures dwarf a slab page or two, few enough to take about a second.</summary>
    public const int Size = 8000;

    /// <summary>Connections of the smaller calibration run.</summary>
    public const int Small = 2000;

    public long BytesPerConnection => KernelBytesPerConnection + ConnStormGrowthBytesPerConnection;

    /// <summary>Where the per-connection figures come from when an earlier, larger run gave them (see <see cref="WithEarlierRun"/>); null: this calibration.</summary>
    public string? Source { get; init; }

    /// <summary>Earlier runs count when they held at least this many connections: ConnStorm's growth per connection falls with scale (arrays and heaps grow in steps), so a small calibration overstates it.</summary>
    public const long EarlierRunFrom = 100_000;

    /// <summary>
    /// The per-connection figures of the largest run of this scenario already in <paramref name="resultsRoot"/>
    /// (results/&lt;name&gt;/&lt;timestamp&gt;/runs.csv, the newest folder that has one of at least
    /// <see cref="EarlierRunFrom"/> connections), over this calibration's; the process baseline stays this one's.
    /// Unchanged when there is none.
    /// </summary>
    public Calibration WithEarlierRun(string resultsRoot, string scenarioName)
    {
        string dir = Path.Combine(resultsRoot, scenarioName);
        if (!Directory.Exists(dir))
        {
            return this;
        }
        foreach (string folder in Directory.GetDirectories(dir).OrderByDescending(d => d, StringComparer.Ordinal))
        {
            string csv = Path.Combine(folder, Results.ResultFiles.Runs);
            if (!File.Exists(csv))
            {
                continue;
            }
            try
            {
                var best = Results.RunsCsv.Read(csv)
                    .Where(r => r.MaxEstablished >= EarlierRunFrom && r.KernelBytesPerConn is not null && r.ConnStormGrowthBytesPerConn is not null)
                    .MaxBy(r => r.MaxEstablished);
                if (best is not null)
                {
                    return this with
                    {
                        KernelBytesPerConnection = best.KernelBytesPerConn!.Value,
                        ConnStormGrowthBytesPerConnection = best.ConnStormGrowthBytesPerConn!.Value,
                        Source = string.Create(CultureInfo.InvariantCulture, $"{csv}, run {best.Run} ({best.MaxEstablished:N0} connections)"),
                    };
                }
            }
            catch (Exception e) when (e is IOException or InvalidDataException or FormatException or InvalidOperationException)
            {
            }
        }
        return this;
    }

    /// <summary>"calibration: 4,000 connections in a throwaway lab on this kernel (0.4 s): kernel 4,790 B per connection (slab, both ends), ConnStorm 212 B per connection, 41 MiB per process".</summary>
    public string Describe() => Source is { } from
        ? string.Create(CultureInfo.InvariantCulture,
            $"per connection, from an earlier run of this scenario ({from}): kernel {KernelBytesPerConnection:N0} B (slab growth, both ends), ConnStorm {ConnStormGrowthBytesPerConnection:N0} B; " +
            $"per process, from a calibration of {Connections:N0} connections in a throwaway lab ({Seconds:0.0} s): {Rules.MemoryFloor.Size(ProcessBaselineBytes)} before its first connection")
        : string.Create(CultureInfo.InvariantCulture,
        $"calibration: {Small:N0} and {Connections:N0} connections of this scenario's shape in throwaway labs on this kernel ({Seconds:0.0} s), kernel {KernelBytesPerConnection:N0} B per connection (slab growth of the larger, both ends, system-wide), " +
        $"ConnStorm {ConnStormGrowthBytesPerConnection:N0} B per connection (resident memory growth, the slope between the two) plus {Rules.MemoryFloor.Size(ProcessBaselineBytes)} per process before its first connection");

    /// <summary>Runs the calibration; null when it cannot be made here (no root for a lab, no slab figures, nothing connected), with why.</summary>
    public static Calibration? Measure(Scenario scenario, out string? whyNot)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        whyNot = null;
        if (LabRequirements.WhatIsMissing() is { } missing)
        {
            whyNot = $"no calibration: a throwaway lab needs {missing}";
            return null;
        }
        var started = DateTime.UtcNow;
        var small = Once(scenario, Small, out whyNot);
        var large = small is null ? null : Once(scenario, Size, out whyNot);
        if (small is null || large is null)
        {
            return null;
        }
        long n = large.MaxEstablished - small.MaxEstablished;
        if (n <= 0)
        {
            whyNot = $"no calibration: the larger throwaway run held {large.MaxEstablished:N0}, no more than the smaller's {small.MaxEstablished:N0}";
            return null;
        }
        // The kernel's cost is proportional from the first connection (6.18: 6,664, 6,644, 6,738 and 6,609 B at
        // 2,000, 8,000, 20,000 and 45,000 connections): the larger run's own figure, which no other run's noise enters.
        long kernel = large.KernelSlabBytes / large.MaxEstablished;
        long mine = ((large.ConnStormGrowthBytesPerConn ?? 0) * large.MaxEstablished - (small.ConnStormGrowthBytesPerConn ?? 0) * small.MaxEstablished) / n;
        return new Calibration(Math.Max(0, kernel), Math.Max(0, mine), large.ReadyBytesPerWorker, large.MaxEstablished, (DateTime.UtcNow - started).TotalSeconds);
    }

    private sealed record Measured(long MaxEstablished, long KernelSlabBytes, long? ConnStormGrowthBytesPerConn, long ReadyBytesPerWorker, bool Quiet);

    /// <summary>
    /// One throwaway run, tried again (three tries in all) while other load on the host opened or closed
    /// TCP sockets during its connect phase (the machine's sockstat alloc grew otherwise than the lab's
    /// inuse): the slab caches are system-wide, and such load would enter the figures.
    /// </summary>
    private static Measured? Once(Scenario scenario, int connections, out string? whyNot)
    {
        Measured? last = null;
        whyNot = null;
        for (int attempt = 0; attempt < 3 && last is not { Quiet: true }; attempt++)
        {
            last = Try(scenario, connections, out whyNot) ?? last;
            if (whyNot is not null)
            {
                return null;
            }
        }
        return last;
    }

    private static Measured? Try(Scenario scenario, int connections, out string? whyNot)
    {
        whyNot = null;
        var cal = scenario with
        {
            // The widest range, so the scenario's own port limit (what its runs measure) does not cut the calibration short.
            Lab = LabPortRange.With(scenario.Lab, new PortRange(1024, 65535)),
            Proxy = null,
            Cluster = null,
            Sweep = null,
            Load = scenario.Load with
            {
                Mode = LoadMode.Hold,
                Connections = connections,
                ConnectionsAuto = false,
                ConnectionsMax = false,
                Hold = TimeSpan.Zero,
                Rate = 0,
                PingInterval = TimeSpan.Zero,
                Duration = null,
                StopOn = StopOn.FirstFailure,
                TimeLimit = TimeSpan.FromSeconds(30),
                MemoryFloor = Rules.MemoryFloor.Default,
            },
            Output = scenario.Output with { ConnectionsCsv = false },
        };
        string dir = Path.Combine(Path.GetTempPath(), $"connstorm-calibration-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(dir);
            var runs = new[] { new SweepRun(1, "calibration", ".", null, cal) };
            var view = ProgressView.Create(false, cal, runs, TextWriter.Null);
            var result = new SingleRun(cal, new RunOptions { Workers = 1 }, view).Run(dir, 1, "calibration", ".", CancellationToken.None);
            var row = result.Row;
            if (row.KernelSlabBytes is not { } slab || row.MaxEstablished == 0)
            {
                whyNot = "no calibration: the throwaway run opened no connection or could not read /proc/slabinfo";
                return null;
            }
            return new Measured(row.MaxEstablished, slab, row.ConnStormGrowthBytesPerConn, result.WorkerRssReadyKb * 1024, row.TcpAlloc == row.TcpInUse);
        }
        catch (Exception e) when (e is LabException or Errors.ExperimentException or IOException)
        {
            whyNot = $"no calibration: {e.Message}";
            return null;
        }
        finally
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
