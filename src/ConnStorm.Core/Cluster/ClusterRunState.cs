using System.Security.Cryptography;

namespace ConnStorm.Cluster;

/// <summary>What the coordinator knows of one run while it goes on; filled from the run's subjects.</summary>
internal sealed class ClusterRunState(string runDir, IReadOnlyCollection<string> agents)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Host, string File), byte[]?[]> _chunks = [];

    public Dictionary<string, NATS.Client.Core.NatsMsg<byte[]>> Ready { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Done> Done { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> LastTimeline { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, long> FailureRows { get; } = new(StringComparer.Ordinal);
    public List<string> Problems { get; } = [];

    public Lock Sync => _lock;

    public void OnSample(Sample s)
    {
        lock (_lock)
        {
            if (s.TimelineRows.Count > 0)
            {
                LastTimeline[s.Name] = s.TimelineRows[^1];
            }
            FailureRows[s.Name] = FailureRows.GetValueOrDefault(s.Name) + s.FailureRows.Count;
        }
    }

    /// <summary>Keeps a chunk; a file complete and matching its SHA-256 is written to hosts/&lt;name&gt;/.</summary>
    public void OnChunk(FileChunk c)
    {
        if (!agents.Contains(c.Name) || c.File.Length == 0 || Path.GetFileName(c.File) != c.File || c.Count is < 1 or > 100_000 || c.Index < 0 || c.Index >= c.Count)
        {
            lock (_lock)
            {
                Problems.Add($"a file chunk that does not fit ({c.Name}/{c.File} {c.Index}/{c.Count}) was dropped");
            }
            return;
        }
        byte[]?[] parts;
        lock (_lock)
        {
            if (!_chunks.TryGetValue((c.Name, c.File), out parts!) || parts.Length != c.Count)
            {
                parts = new byte[]?[c.Count];
                _chunks[(c.Name, c.File)] = parts;
            }
            parts[c.Index] = c.Data;
            if (parts.Any(p => p is null))
            {
                return;
            }
            _chunks.Remove((c.Name, c.File));
        }
        byte[] whole = parts.SelectMany(p => p!).ToArray();
        if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(whole)), c.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            lock (_lock)
            {
                Problems.Add($"{c.Name}: {c.File} arrived with a SHA-256 that does not match; not written");
            }
            return;
        }
        string dir = Path.Combine(runDir, Results.ResultFiles.HostsDir, c.Name);
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, c.File), whole);
    }
}
