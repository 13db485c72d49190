using ConnStorm.Results;

namespace ConnStorm.Tests.TestSupport;

/// <summary>Hand-made results folders: runs (manifest.json + runs.csv) and probes (probes.json).</summary>
internal static class CompareSamples
{
    private static RunRow Row(int run, string variant, int size, int targets, int sourceIps, long held, string? errno = "EADDRNOTAVAIL", string? phase = "connect") =>
        new()
        {
            Run = run,
            Variant = variant,
            PortRangeLo = 40000,
            PortRangeHi = 40000 + size - 1,
            PortRangeSize = size,
            Targets = targets,
            SourceIps = sourceIps,
            Attempted = held + 50,
            MaxEstablished = held,
            FirstFailureAt = errno is null ? null : held,
            FirstFailureErrno = errno,
            FirstFailurePhase = phase,
            Failures = errno is null ? 0 : 50,
            Seconds = 0.5,
            Workers = 1,
            RlimitNofile = 20000,
            RunDir = $"runs/{run:000}-{variant}",
            PredictedLimit = (long)size * (variant == "connect" ? targets : Math.Max(1, sourceIps)),
        };

    /// <summary>A sweep like myth-65535: connect() scales with destinations, bind(ip, 0) with source IPs.</summary>
    public static IReadOnlyList<RunRow> Sweep()
    {
        var rows = new List<RunRow>();
        var run = 1;
        foreach (var size in new[] { 1000, 4000, 16000 })
        {
            rows.Add(Row(run++, "connect", size, 1, 1, size));
            rows.Add(Row(run++, "connect", size, 3, 1, size * 3));
            rows.Add(Row(run++, "bind", size, 3, 1, size, phase: "bind"));
            rows.Add(Row(run++, "bind", size, 3, 2, size * 2, phase: "bind"));
        }
        return rows;
    }

    /// <summary>The sweep as an older kernel might answer it: connect() to 3 destinations at 4000 ports stops at one range.</summary>
    public static IReadOnlyList<RunRow> SweepOneRowDiffers() =>
        [.. Sweep().Select(r => r is { Variant: "connect", PortRangeSize: 4000, Targets: 3 } ? r with { MaxEstablished = 4000, FirstFailureAt = 4000 } : r)];

    public static string Runs(string dir, IEnumerable<RunRow> rows, string kernel = "6.18.44-fc-v657", string host = "vm")
    {
        Directory.CreateDirectory(dir);
        ManifestWriter.Write(Path.Combine(dir, ManifestWriter.FileName), new Manifest
        {
            ToolVersion = "0.1.0",
            KernelRelease = kernel,
            Hostname = host,
            Cores = 2,
            StartedUtc = new DateTime(2026, 11, 21, 17, 0, 0, DateTimeKind.Utc),
            EndedUtc = new DateTime(2026, 11, 21, 17, 2, 0, DateTimeKind.Utc),
        });
        RunsCsv.Write(Path.Combine(dir, RunsCsv.FileName), rows);
        return dir;
    }

    /// <summary>
    /// A probes folder. <paramref name="shuffled"/> makes the kernel's port choice random (as a kernel
    /// without the even-first search would), which changes the "connect-to-a" case's numbers;
    /// <paramref name="verdict"/> is the verdict of the TCP/UDP claim.
    /// </summary>
    public static string Probes(string dir, string kernel, bool shuffled = false, string verdict = "holds", string schema = "connstorm.probes/1", string host = "vm")
    {
        Directory.CreateDirectory(dir);
        var even = Enumerable.Range(0, 300).Select(i => 40002 + 2 * i + (i % 7 == 3 ? 2 : 0));
        var random = new Random(7);
        var walk = Enumerable.Range(0, 300).Select(_ => 40000 + random.Next(1000));
        var second = Enumerable.Range(0, 200).Select(i => 40001 + 2 * i);
        var evenShare = shuffled ? 0.49 : 1.0;
        var stepMedian = shuffled ? 311 : 2;
        string Values(IEnumerable<int> v) => string.Join(", ", v);
        var json = $$"""
            {
              "schema": "{{schema}}",
              "tool_version": "0.1.0", "kernel_release": "{{kernel}}", "hostname": "{{host}}", "where": "host",
              "started_utc": "2026-11-21T17:00:00Z", "ended_utc": "2026-11-21T17:00:30Z",
              "probes": [ { "name": "port-sequence", "description": "ports in call order", "seconds": 1.2, "error": null },
                          { "name": "bind-matrix", "description": "who can share a port", "seconds": 0.3, "error": null } ],
              "cases": [
                { "probe": "port-sequence", "case": "connect-to-a", "inputs": { "range": "40000 40999" },
                  "outcome": "ok", "errno": null, "numbers": { "step_median": {{stepMedian}}, "calls": 300, "even_share": {{evenShare}} },
                  "values": [{{Values(shuffled ? walk : even)}}] },
                { "probe": "port-sequence", "case": "bind-then-connect", "inputs": { "range": "40000 40999" },
                  "outcome": "ok", "errno": null, "numbers": { "calls": 200, "odd_share": 1.0 },
                  "values": [{{Values(second)}}] },
                { "probe": "bind-matrix", "case": "tcp-udp-same-port", "inputs": {},
                  "outcome": "ok", "errno": null, "numbers": {} },
                { "probe": "bind-matrix", "case": "tcp-tcp-same-port", "inputs": {},
                  "outcome": "error", "errno": "EADDRINUSE", "numbers": { "port": 40100 } }
              ],
              "claims": [
                { "claim": "TCP and UDP can bind the same port at the same time", "verdict": "{{verdict}}", "evidence": "both binds succeeded", "cases": ["bind-matrix/tcp-udp-same-port"] },
                { "claim": "Two TCP sockets cannot bind the same port without SO_REUSEADDR", "verdict": "holds", "evidence": "EADDRINUSE", "cases": ["bind-matrix/tcp-tcp-same-port"] }
              ]
            }
            """;
        File.WriteAllText(Path.Combine(dir, "probes.json"), json);
        return dir;
    }
}
