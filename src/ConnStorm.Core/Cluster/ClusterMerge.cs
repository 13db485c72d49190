using ConnStorm.Results;

namespace ConnStorm.Cluster;

/// <summary>
/// Turns a cluster run's per-host folders into the merged files. This version writes runs.csv only
/// (attempted, failures and established summed over the hosts of each run); the merge helper's
/// version replaces it with timelines, failures, histograms and hosts.csv.
/// </summary>
public static class ClusterMerge
{
    public static void Write(string outDir)
    {
        var doc = ClusterDocument.Read(outDir);
        var rows = new List<RunRow>();
        foreach (var run in doc.Runs)
        {
            var hostRows = run.Hosts
                .Select(h => Path.Combine(outDir, run.RunDir, ResultFiles.HostsDir, h.Name, ResultFiles.Runs))
                .Where(File.Exists)
                .SelectMany(RunsCsv.Read)
                .ToList();
            if (hostRows.Count == 0)
            {
                continue;
            }
            rows.Add(hostRows[0] with
            {
                Run = run.Run,
                RunDir = run.RunDir,
                Attempted = hostRows.Sum(r => r.Attempted),
                Failures = hostRows.Sum(r => r.Failures),
                MaxEstablished = hostRows.Sum(r => r.MaxEstablished),
                Workers = hostRows.Sum(r => r.Workers),
            });
        }
        RunsCsv.Write(Path.Combine(outDir, ResultFiles.Runs), rows);
    }
}
