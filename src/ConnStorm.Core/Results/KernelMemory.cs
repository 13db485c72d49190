using System.Globalization;
using ConnStorm.Platform;

namespace ConnStorm.Results;

/// <summary>
/// The kernel memory a run's connections cost, both ends: the growth of the slab caches that hold a
/// connection's objects between just before the first attempt and the end of the connect phase, and
/// the lab's TCP sockets (sockstat inuse) and the machine's TCP buffer pages (sockstat mem) then.
/// The slab caches are the whole machine's, not the lab's: whatever else opens or closes sockets
/// and files on the host meanwhile shows in the figures.
/// </summary>
public sealed record KernelMemory(
    long SlabBytes,
    long TcpObjects,
    long? TcpInUse,
    long? TcpMemPages,
    long? TcpAllocated,
    long Open,
    IReadOnlyList<KernelMemory.Cache> Caches,
    IReadOnlyList<string> Merged)
{
    /// <summary>One cache's growth: active objects × object size.</summary>
    public sealed record Cache(string Name, long Objects, long Bytes);

    /// <summary>The caches a held TCP connection (either end) puts objects in, where the kernel has them.</summary>
    public static IReadOnlyList<string> CacheNames { get; } =
    [
        "TCP", "TCPv6", "request_sock_TCP", "request_sock_TCPv6", "tw_sock_TCP", "tw_sock_TCPv6",
        "sock_inode_cache", "filp", "dentry", "eventpoll_epi", "eventpoll_pwq", "ep_head",
        "tcp_bind_bucket", "tcp_bind2_bucket", "inet_peer_cache",
    ];

    /// <summary>The sockets themselves: what sockstat's inuse counts, for the rule check.</summary>
    private static readonly string[] TcpCaches = ["TCP", "TCPv6"];

    public long? BytesPerConnection => Open > 0 ? SlabBytes / Open : null;

    /// <summary>What the figure holds and what it cannot see, for the summary.</summary>
    public const string Scope =
        "slab objects only (active objects × object size of the caches listed, read from /proc/slabinfo before the first attempt and at the end of the connect phase, each cache's per-CPU slabs flushed first; both ends of each connection when the sink is on the same host). " +
        "It cannot see: page tables and the processes' own memory (ConnStorm's is counted apart), socket buffers (sk_buff data) already freed by the time it is read, slab pages left partly empty, kmalloc allocations outside these caches, and memory the sockets take later (receive and send buffers once data flows). " +
        "The caches are system-wide, not per network namespace: other load on the host that opens or closes sockets or files meanwhile adds to or takes from the figure.";

    /// <summary>The difference of two readings, for the connections open at the second; null without both slab readings.</summary>
    public static KernelMemory? Between(
        IReadOnlyDictionary<string, SlabCache>? before, IReadOnlyDictionary<string, SlabCache>? after,
        TcpSockStat? sockBefore, TcpSockStat? sockAfter, long open, Func<string, string?>? mergedWith = null)
    {
        if (before is null || after is null)
        {
            return null;
        }
        var caches = new List<Cache>();
        foreach (string name in CacheNames)
        {
            if (after.TryGetValue(name, out var a))
            {
                var b = before.GetValueOrDefault(name);
                long objects = a.ActiveObjects - (b?.ActiveObjects ?? 0);
                caches.Add(new Cache(name, objects, objects * a.ObjectSize));
            }
        }
        var merged = new List<string>();
        if (mergedWith is not null)
        {
            // SLUB lists a merged cache once, under one of its names: say which of ours it holds.
            var targets = caches.Select(c => (c.Name, Target: mergedWith(c.Name))).Where(t => t.Target is not null).ToList();
            foreach (string name in CacheNames.Where(n => !after.ContainsKey(n)))
            {
                if (mergedWith(name) is { } target && targets.FirstOrDefault(t => t.Target == target) is { Name: { } into })
                {
                    merged.Add($"{name} is counted in {into} (SLUB merged them: {target})");
                }
            }
        }
        long tcp = caches.Where(c => TcpCaches.Contains(c.Name)).Sum(c => c.Objects);
        long? inUse = sockBefore is { InUse: >= 0 } sb && sockAfter is { InUse: >= 0 } sa ? sa.InUse - sb.InUse : null;
        long? memPages = sockAfter is { MemPages: >= 0 } m ? m.MemPages : null;
        long? allocated = sockBefore is { Allocated: >= 0 } ab && sockAfter is { Allocated: >= 0 } aa ? aa.Allocated - ab.Allocated : null;
        return new KernelMemory(caches.Sum(c => c.Bytes), tcp, inUse, memPages, allocated, open, caches, merged);
    }

    /// <summary>"TCP +4,000 (9,472,000 B), filp +2,000 (384,000 B), ..." for the notes.</summary>
    public string Detail() => string.Join(", ", Caches.Where(c => c.Objects != 0)
        .Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Name} {c.Objects:+#,0;-#,0} ({c.Bytes:N0} B)")));
}
