using System.Globalization;
using ConnStorm.Sockets;

namespace ConnStorm.Rules;

/// <summary>
/// The ladder of limits a host really has for one run: the port space (the port rules for the run's
/// shape), descriptors per process × processes, files per system (fs.file-max, unless CAP_SYS_ADMIN
/// exempts the run), and memory ((MemAvailable − floor) / bytes per connection). Each rung is the
/// connections it allows; the lowest is where the run should stop. The one place it is computed:
/// the summary, the dry run, the live display and `connections: max` all read it from here.
/// </summary>
public static class LimitLadder
{
    public enum Kind
    {
        Ports,
        Descriptors,
        Files,
        Memory,
    }

    /// <summary>One limit: the connections it allows (null: none, or not known) and how that follows from the facts.</summary>
    public sealed record Rung(Kind Kind, string Name, long? Connections, string How, int? Errno);

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <param name="ports">The port rules' prediction for the run's shape; null when no rule applies (per-socket range, no range read).</param>
    public static IReadOnlyList<Rung> Of(MachineLimits m, PortRules.Prediction? ports)
    {
        ArgumentNullException.ThrowIfNull(m);
        var rungs = new List<Rung>
        {
            ports is { } p
                ? new Rung(Kind.Ports, "port space", p.Limit, p.Rule, p.Errno)
                : new Rung(Kind.Ports, "port space", null, "no port rule applies to this run (no range read, or a per-socket range)", null),
        };
        if (m.ConnectionsPerProcess is { } perProcess && m.Workers is { } workers)
        {
            rungs.Add(new Rung(Kind.Descriptors, "descriptors per process", perProcess * workers,
                $"{m.DescriptorsPerProcess?.ToString("N0", Inv) ?? "?"} descriptors per process (RLIMIT_NOFILE) leave {perProcess.ToString("N0", Inv)} connections each × {(m.WorkersFixed ? "" : "up to ")}{workers} worker process(es)",
                Errno.EMFILE));
        }
        if (m.FileMaxExempt)
        {
            rungs.Add(new Rung(Kind.Files, "files per system", null, "exempt: the run holds CAP_SYS_ADMIN, which the kernel exempts from fs.file-max", Errno.ENFILE));
        }
        else if (m.FileMax is { } max)
        {
            long free = Math.Max(0, max - (m.FilesAllocated ?? 0));
            int ends = m.SinkAccepts ? 2 : 1;
            rungs.Add(new Rung(Kind.Files, "files per system", free / ends,
                $"fs.file-max {max.ToString("N0", Inv)} − {(m.FilesAllocated ?? 0).ToString("N0", Inv)} files open = {free.ToString("N0", Inv)} free" +
                (ends == 2 ? ", 2 per connection (client and accepted end)" : ", 1 per connection"), Errno.ENFILE));
        }
        if (m.MemAvailableBytes is { } available && m.MemoryFloorBytes is { } floor)
        {
            long usable = Math.Max(0, available - floor - m.ProcessesBaselineBytes);
            string baseline = m.ProcessesBaselineBytes > 0 ? $" − processes {MemoryFloor.Size(m.ProcessesBaselineBytes)}" : "";
            rungs.Add(m.BytesPerConnection is { } per && per > 0
                ? new Rung(Kind.Memory, "memory", usable / per,
                    $"(available {MemoryFloor.Size(available)} − floor {MemoryFloor.Size(floor)}{baseline}) / {per.ToString("N0", Inv)} bytes per connection ({m.BytesPerConnectionSource ?? "measured"})", null)
                : new Rung(Kind.Memory, "memory", null,
                    $"available {MemoryFloor.Size(available)} − floor {MemoryFloor.Size(floor)} = {MemoryFloor.Size(usable)}; bytes per connection not measured", null));
        }
        return rungs;
    }

    /// <summary>The rung with the fewest connections; null when none has a figure.</summary>
    public static Rung? Lowest(IReadOnlyList<Rung> rungs)
    {
        ArgumentNullException.ThrowIfNull(rungs);
        return rungs.Where(r => r.Connections is not null).MinBy(r => r.Connections);
    }

    /// <summary>Which rung an errno meets: EMFILE descriptors, ENFILE files, EADDRNOTAVAIL/EADDRINUSE ports; null for others.</summary>
    public static Kind? KindOf(int errno) => errno switch
    {
        Errno.EMFILE => Kind.Descriptors,
        Errno.ENFILE => Kind.Files,
        Errno.EADDRNOTAVAIL or Errno.EADDRINUSE => Kind.Ports,
        _ => null,
    };
}
