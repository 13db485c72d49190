using System.Globalization;
using System.Runtime.Versioning;
using ConnStorm.Lab;
using ConnStorm.Scenarios;

namespace ConnStorm.Running;

/// <summary>
/// What one connection costs on this kernel, measured rather than assumed: a throwaway run of
/// <see cref="Connections"/> connections of the scenario's own shape (its lab, sink and client) in
/// a fresh lab, read the way every run is read (slab growth, ConnStorm's resident memory).
/// </summary>
/// <param name="KernelBytesPerConnection">Slab growth per connection, both ends (Results.KernelMemory).</param>
/// <param name="ConnStormBytesPerConnection">Growth of ConnStorm's processes' resident memory per connection.</param>
/// <param name="ProcessBaselineBytes">A worker's resident memory when ready, before its first connection.</param>
[SupportedOSPlatform("linux")]
public sealed record Calibration(long KernelBytesPerConnection, long ConnStormBytesPerConnection, long ProcessBaselineBytes, long Connections, double Seconds)
{
    /// <summary>Connections a calibration opens: enough that per-connection figures dwarf a slab page or two, few enough to take about a second.</summary>
    public const int Size = 4000;

    public long BytesPerConnection => KernelBytesPerConnection + ConnStormBytesPerConnection;

    /// <summary>"calibration: 4,000 connections in a throwaway lab on this kernel (0.4 s): kernel 4,790 B per connection (slab, both ends), ConnStorm 212 B per connection, 41 MiB per process".</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"calibration: {Connections:N0} connections of this scenario's shape in a throwaway lab on this kernel ({Seconds:0.0} s): kernel {KernelBytesPerConnection:N0} B per connection (slab growth, both ends, system-wide), " +
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
        var cal = scenario with
        {
            Lab = scenario.Lab ?? new LabSpec(),
            Proxy = null,
            Cluster = null,
            Sweep = null,
            Load = scenario.Load with
            {
                Mode = LoadMode.Hold,
                Connections = Size,
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
            var started = DateTime.UtcNow;
            var result = new SingleRun(cal, new RunOptions { Workers = 1 }, view).Run(dir, 1, "calibration", ".", CancellationToken.None);
            var row = result.Row;
            if (row.KernelBytesPerConn is not { } kernel || row.MaxEstablished == 0)
            {
                whyNot = "no calibration: the throwaway run opened no connection or could not read /proc/slabinfo";
                return null;
            }
            return new Calibration(kernel, row.ConnStormBytesPerConn ?? 0, result.WorkerRssReadyKb * 1024, row.MaxEstablished, (DateTime.UtcNow - started).TotalSeconds);
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
