using System.Runtime.Versioning;
using ConnStorm.Platform;
using ConnStorm.Rules;
using ConnStorm.Scenarios;

namespace ConnStorm.Running;

/// <summary>Reads what this host allows a run (Platform) into the facts the ladder of limits is computed from.</summary>
[SupportedOSPlatform("linux")]
internal static class MachineFacts
{
    /// <summary>The facts as they stand now, for a run with this budget; <paramref name="experiment"/> (when started) gives the limit its workers really got.</summary>
    public static MachineLimits Limits(MemoryFloor floor, ProcessBudget budget, int? workersWanted, Experiment? experiment, Scenario scenario, (long Bytes, string Source)? perConnection = null)
    {
        var mem = MemInfo.Read();
        var files = FileTable.Read();
        long descriptors = experiment is { WorkerLimit.Raised: > 0 and var raised } ? (long)raised : (long)Math.Min(budget.DescriptorsPerProcess, long.MaxValue);
        return new MachineLimits
        {
            MemTotalBytes = mem?.TotalBytes,
            MemAvailableBytes = mem?.AvailableBytes,
            MemoryFloorBytes = mem is null ? null : floor.Resolve(mem.TotalBytes),
            MemoryFloor = floor.Describe(),
            FileMax = files?.Max,
            FilesAllocated = files?.Allocated,
            FileMaxExempt = Capabilities.HasSysAdmin(),
            DescriptorsPerProcess = descriptors,
            ConnectionsPerProcess = budget.ConnectionsPerProcess,
            Workers = workersWanted ?? ProcessBudget.MaxProcesses,
            WorkersFixed = workersWanted is not null,
            SinkAccepts = scenario.Sink is { Mode: not SinkMode.NoAccept },
            BytesPerConnection = perConnection?.Bytes,
            BytesPerConnectionSource = perConnection?.Source,
        };
    }
}
