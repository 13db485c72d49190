namespace ConnStorm.Results;

/// <summary>
/// The one place that names the files of a results folder. Readers, writers and exporters
/// take their names from here, so a rename is one line.
/// </summary>
public static class ResultFiles
{
    public const string Runs = "runs.csv";
    public const string Timeline = "timeline.csv";
    public const string Failures = "failures.csv";
    public const string Connections = "connections.csv";
    public const string Manifest = "manifest.json";
    public const string Summary = "summary.md";
    public const string Report = "report.html";
    public const string Probes = "probes.json";
    public const string ProbesReport = "probes.md";
    public const string Compare = "compare.json";
    public const string CompareReport = "compare.md";
    public const string ProxyStats = "proxy-stats.csv";
    public const string HaproxyLog = "haproxy.log";
    /// <summary>HdrHistogram log of a run's connect latencies: one histogram per worker, tagged worker-&lt;i&gt;.</summary>
    public const string LatencyLog = "latency.hlog";
    /// <summary>A cluster run's fleet and runs, as the coordinator saw them.</summary>
    public const string Cluster = "cluster.json";
    /// <summary>A cluster run's hosts: one row per (run, host).</summary>
    public const string Hosts = "hosts.csv";
    /// <summary>The folder of a cluster run's folder holding each host's own results: hosts/&lt;name&gt;/.</summary>
    public const string HostsDir = "hosts";

    /// <summary>
    /// Every plot any folder can have, in the order summaries and report.html show them. A plot is
    /// whatever NAME.png / NAME.svg is in the folder when the reports are written.
    /// </summary>
    public static IReadOnlyList<string> PlotNames { get; } =
        ["port-range", "timeline", "connect-latency", "churn", "proxy-capacity", "port-sequence", "connect-cost", "port-range-compare", "port-sequence-compare", "connect-cost-compare"];

    /// <summary>A plot's picture in one format: "port-range.png".</summary>
    public static string Plot(string name, string extension) => $"{name}.{extension.TrimStart('.')}";
}
