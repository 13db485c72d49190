using ConnStorm.Compare;
using ConnStorm.Results;
using ConnStorm.Sockets;
using ConnStorm.Tests.Compare;
using ConnStorm.Tests.Probes;
using ConnStorm.Tests.Results;
using static ConnStorm.Tests.TestSupport.Samples;

namespace ConnStorm.Tests.Exporters;

/// <summary>Hand-made results folders of every kind, written with the project's own record writers: no run, no lab.</summary>
internal static class ExportSamples
{
    public static Manifest Manifest(string name = "port-exhaustion", string? description = "One destination until the ports run out.", params string[] notes) => new()
    {
        Scenario = new Dictionary<string, object?> { ["name"] = name, ["description"] = description },
        ScenarioFile = "scenarios/port-exhaustion.yaml",
        KernelRelease = "6.8.0-45-generic",
        Hostname = "box",
        Cores = 4,
        MemoryBytes = 8L << 30,
        ToolVersion = "0.1.0-test",
        StartedUtc = new DateTime(2026, 11, 21, 18, 9, 0, DateTimeKind.Utc),
        EndedUtc = new DateTime(2026, 11, 21, 18, 9, 2, DateTimeKind.Utc),
        Notes = notes,
    };

    /// <summary>One run's files in <paramref name="dir"/>: 3 established, then EADDRNOTAVAIL at 1.42 s, a timeout and a drop.</summary>
    public static RunRow RunFiles(string dir, int run = 1, string runDir = ".", string variant = "default")
    {
        Directory.CreateDirectory(dir);
        using var recorder = new RunRecorder(dir, TimeSpan.FromMilliseconds(100), writeConnections: true);
        for (var i = 1; i <= 3; i++)
        {
            recorder.Established(Conn(i, i * 100, connectUs: i * 100));
        }
        recorder.Failed(Fail(1420, Errno.EADDRNOTAVAIL, FailurePhase.Connect, open: 3));
        recorder.Failed(Fail(1500, Errno.ETIMEDOUT, FailurePhase.Timeout, open: 3));
        recorder.Failed(Fail(1600, Errno.ECONNRESET, FailurePhase.Reset, open: 3));
        return Row(recorder, Info() with { Run = run, Variant = variant }) with { RunDir = runDir, PredictedLimit = 10 };
    }

    /// <summary>A single run: runs.csv with run_dir ".", the run's files and its manifest in the folder itself.</summary>
    public static void SingleRun(string dir, Manifest? manifest = null)
    {
        var row = RunFiles(dir);
        RunsCsv.Write(Path.Combine(dir, ResultFiles.Runs), [row]);
        ManifestWriter.Write(Path.Combine(dir, ResultFiles.Manifest), manifest ?? Manifest(notes: "RLIMIT_NOFILE (20000) capped this run: raise it to see the port limit"));
    }

    /// <summary>A sweep of two connect() runs under runs/&lt;id&gt;/, each with its own manifest and a note.</summary>
    public static void Sweep(string dir, string description = "Two runs of connect().")
    {
        var rows = new List<RunRow>();
        string[] ids = ["001-connect-t1", "002-connect-t2"];
        for (var i = 0; i < ids.Length; i++)
        {
            var runDir = $"runs/{ids[i]}";
            rows.Add(RunFiles(Path.Combine(dir, runDir), i + 1, runDir, "connect"));
            ManifestWriter.Write(Path.Combine(dir, runDir, ResultFiles.Manifest), Manifest("two-runs", description, $"note of run {i + 1}"));
        }
        RunsCsv.Write(Path.Combine(dir, ResultFiles.Runs), rows);
        ManifestWriter.Write(Path.Combine(dir, ResultFiles.Manifest), Manifest("two-runs", description, "each run's own manifest is in its folder"));
    }

    public static void Probes(string dir)
    {
        Directory.CreateDirectory(dir);
        ProbeFrameworkTests.Sample().Write(Path.Combine(dir, ResultFiles.Probes));
    }

    /// <summary>A comparison of two probes folders, made as `connstorm compare` makes it (without plots); its sources are removed, so only compare.json can tell it.</summary>
    public static void Compare(string dir, TempDir scratch)
    {
        var report = Comparer.Load([
            CompareSamples.Probes(scratch.File("probes/a"), "6.18.44"),
            CompareSamples.Probes(scratch.File("probes/b"), "6.1.0", shuffled: true, verdict: "fails"),
        ]);
        CompareWriter.Write(report, dir);
        Directory.Delete(scratch.File("probes"), recursive: true);
    }

    /// <summary>A plot's SVG as a plotting tool writes it: prolog, doctype, a comment, ids and references, a script.</summary>
    public static void Svg(string dir, string name, string label = "ports") => File.WriteAllText(Path.Combine(dir, ResultFiles.Plot(name, "svg")), $"""
        <?xml version="1.0" encoding="utf-8" standalone="no"?>
        <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
        <!-- drawn for a test -->
        <svg width="600" height="300" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="init(evt)">
        <script type="text/javascript">alert(1)</script>
        <defs><clipPath id="clip0"><rect x="0" y="0" width="600" height="300"/></clipPath></defs>
        <rect x="0" y="0" width="600" height="300" fill="#ffffff"/>
        <g clip-path="url(#clip0)"><rect x="50" y="50" width="400" height="200" fill="#1f77b4"/></g>
        <text x="60" y="40" font-size="20">{label}</text>
        </svg>
        """);
}
