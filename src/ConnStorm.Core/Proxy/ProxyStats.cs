using System.Globalization;
using System.Text;

namespace ConnStorm.Proxy;

/// <summary>One row of HAProxy's `show stat`: a frontend, a backend or a server.</summary>
public sealed record ProxyStatRow(string Proxy, string Service, long Scur, long Smax, long Stot, long Econ, long Eresp, long Wretr, long Wredis, string Status)
{
    public bool IsBackend => Service == "BACKEND";
    public bool IsFrontend => Service == "FRONTEND";
}

/// <summary>
/// HAProxy's own counters, read from `show stat` (CSV, header "# pxname,svname,...") and kept as
/// proxy-stats.csv: per frontend, backend and server, current/max/total sessions, connection and
/// response errors, retries, redispatches and status.
/// </summary>
public static class ProxyStats
{
    public const string FileName = Results.ResultFiles.ProxyStats;
    private static readonly string[] Columns = ["scur", "smax", "stot", "econ", "eresp", "wretr", "wredis", "status"];

    /// <summary>Parses `show stat` output; columns are found by name, so field order between versions does not matter.</summary>
    public static IReadOnlyList<ProxyStatRow> Parse(string showStat)
    {
        ArgumentNullException.ThrowIfNull(showStat);
        var lines = showStat.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var headerLine = lines.FirstOrDefault(l => l.StartsWith('#'));
        if (headerLine is null)
        {
            throw new FormatException("show stat output has no '# pxname,svname,...' header");
        }
        var header = headerLine.TrimStart('#', ' ').Split(',');
        int Col(string name)
        {
            int i = Array.IndexOf(header, name);
            return i >= 0 ? i : throw new FormatException($"show stat output has no column {name}");
        }
        int px = Col("pxname"), sv = Col("svname");
        var at = Columns.ToDictionary(c => c, Col);
        var rows = new List<ProxyStatRow>();
        foreach (var line in lines.Where(l => !l.StartsWith('#')))
        {
            var f = line.Split(',');
            if (f.Length <= at.Values.Max())
            {
                continue;
            }
            long N(string c) => long.TryParse(f[at[c]], NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) ? v : 0;
            rows.Add(new ProxyStatRow(f[px], f[sv], N("scur"), N("smax"), N("stot"), N("econ"), N("eresp"), N("wretr"), N("wredis"), f[at["status"]]));
        }
        return rows;
    }

    /// <summary>Connection errors of the backends (each server's count is already in its backend's).</summary>
    public static long ConnErrors(IReadOnlyList<ProxyStatRow> rows) => rows.Where(r => r.IsBackend).Sum(r => r.Econ);

    /// <summary>The most upstream connections the backends held at once.</summary>
    public static long MaxCurrent(IReadOnlyList<ProxyStatRow> rows) => rows.Where(r => r.IsBackend).Sum(r => r.Smax);

    public static void Write(string path, IReadOnlyList<ProxyStatRow> rows)
    {
        var sb = new StringBuilder("proxy,service,scur,smax,stot,econ,eresp,wretr,wredis,status\n");
        foreach (var r in rows)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{r.Proxy},{r.Service},{r.Scur},{r.Smax},{r.Stot},{r.Econ},{r.Eresp},{r.Wretr},{r.Wredis},{r.Status}\n");
        }
        File.WriteAllText(path, sb.ToString());
    }
}
