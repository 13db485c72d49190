using System.Globalization;
using System.Runtime.Versioning;
using ConnStorm.Lab;
using ConnStorm.Scenarios;

namespace ConnStorm.Running;

/// <summary>
/// What one connection costs on this kernel, measured rather than assumed: two throwaway runs of the
/// scenario's own shape (its lab, sink and client), <see cref="Small"/> and <see cref="Size"/>
/// connections, each in a fresh lab and read the way every run is read (slab growth, ConnStorm's
/// resident memory). The per-connection figures are the slope between the two, so what a run pays
/// once (the runtime's first allocations, a slab page, bind buckets) does not count per connection.
/// </summary>
/// <param name="KernelBytesPerConnection">Slab growth per connection, both ends (Results.KernelMemory).</param>
/// <param name="ConnStormBytesPerConnection">Growth of ConnStorm's processes' resident memory per connection.</param>
/// <param name="ProcessBaselineBytes">A worker's resident memory when ready, before its first connection.</param>
[SupportedOSPlatform("linux")]
public sealed record Calibration(long KernelBytesPerConnection, long ConnStormBytesPerConnection, long ProcessBaselineBytes, long Connections, double Seconds)
{
    /// <summary>Connections of the larger calibration run: enough that per-connection figures dwarf a slab page or two, few enough to take about a second.</summary>
    public const int Size = 8000;

    /// <summary>Connections of the smaller calibration run.</summary>
    public const int Small = 2000;

    public long BytesPerConnection => KernelBytesPerConnection + ConnStormBytesPerConnection;

    /// <summary>"calibration: 4,000 connections in a throwaway lab on this kernel (0.4 s): kernel 4,790 B per connection (slab, both ends), ConnStorm 212 B per connection, 41 MiB per process".</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"calibration: {Small:N0} and {Connections:N0} connections of this scenario's shape in throwaway labs on this kernel ({Seconds:0.0} s), the slope between them: kernel {KernelBytesPerConnection:N0} B per connection (slab growth, both ends, system-wide), " +
        $"ConnStorm {ConnStormBytesPerConnection:N0} B per connection (resident memory growth) plus {Rules.MemoryFloor.Size(ProcessBaselineBytes)} per process before its first connection");

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
        long kernel = ((large.KernelSlabBytes ?? 0) - (small.KernelSlabBytes ?? 0)) / n;
        long mine = ((large.ConnStormBytesPerConn ?? 0) * large.MaxEstablished - (small.ConnStormBytesPerConn ?? 0) * small.MaxEstablished) / n;
        return new Calibration(Math.Max(0, kernel), Math.Max(0, mine), large.ReadyBytesPerWorker, large.MaxEstablished, (DateTime.UtcNow - started).TotalSeconds);
    }

    private sealed record Measured(long MaxEstablished, long? KernelSlabBytes, long? ConnStormBytesPerConn, long ReadyBytesPerWorker);

    private static Measured? Once(Scenario scenario, int connections, out string? whyNot)
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
            if (row.KernelSlabBytes is null || row.MaxEstablished == 0)
            {
                whyNot = "no calibration: the throwaway run opened no connection or could not read /proc/slabinfo";
                return null;
            }
            return new Measured(row.MaxEstablished, row.KernelSlabBytes, row.ConnStormBytesPerConn, result.WorkerRssReadyKb * 1024);
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
