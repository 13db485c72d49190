namespace ConnStorm.Lab;

/// <summary>
/// The sysctls a lab may set: only keys that the kernel keeps per network namespace,
/// so a lab can never change the host (and never writes an arbitrary /proc path).
/// </summary>
public static class SysctlWhitelist
{
    /// <summary>Key → what its value must look like ("range": two ports "LO HI"; "int"; "ports": a port list such as "1000,2000-2100" or empty).</summary>
    public static readonly IReadOnlyDictionary<string, string> Keys = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["net.ipv4.ip_local_port_range"] = "range",
        ["net.ipv4.ip_local_reserved_ports"] = "ports",
        ["net.ipv4.ip_autobind_reuse"] = "int",
        ["net.ipv4.ip_unprivileged_port_start"] = "int",
        ["net.ipv4.tcp_tw_reuse"] = "int",
        ["net.ipv4.tcp_tw_reuse_delay"] = "int",
        ["net.ipv4.tcp_fin_timeout"] = "int",
        ["net.ipv4.tcp_max_tw_buckets"] = "int",
        ["net.ipv4.tcp_max_syn_backlog"] = "int",
        ["net.ipv4.tcp_syncookies"] = "int",
        ["net.ipv4.tcp_timestamps"] = "int",
        ["net.ipv4.tcp_syn_retries"] = "int",
        ["net.ipv4.tcp_synack_retries"] = "int",
        ["net.ipv4.tcp_abort_on_overflow"] = "int",
        ["net.core.somaxconn"] = "int",
    };

    /// <summary>The sysctls every manifest reports, read inside the namespace that ran the experiment.</summary>
    public static readonly IReadOnlyList<string> Reported =
    [
        "net.ipv4.ip_local_port_range",
        "net.ipv4.ip_local_reserved_ports",
        "net.ipv4.tcp_tw_reuse",
        "net.ipv4.tcp_fin_timeout",
        "net.core.somaxconn",
        "net.ipv4.tcp_max_syn_backlog",
        "net.ipv4.tcp_max_tw_buckets",
        "fs.nr_open",
        "fs.file-max",
    ];

    public static bool IsAllowed(string key) => Keys.ContainsKey(key);

    /// <summary>/proc/sys path of a dotted key: net.ipv4.ip_local_port_range → /proc/sys/net/ipv4/ip_local_port_range.</summary>
    public static string ProcPath(string key) => "/proc/sys/" + key.Replace('.', '/');
}
