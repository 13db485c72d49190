using System.Globalization;

namespace ConnStorm.Scenarios;

/// <summary>
/// Turns a scenario into the concrete runs it stands for: variants outer, then port ranges,
/// then targets, then source IPs, so neighbouring runs differ in the innermost dimension and
/// a variant's runs stay together in the results.
/// </summary>
public static class SweepExpander
{
    public static IReadOnlyList<SweepRun> Expand(Scenario s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (s.Sweep is null)
        {
            var range = LabPortRange.Of(s.Lab);
            return [new SweepRun(1, "default", ".", range, Concrete(s, s.Client, range, s.Targets.Count))];
        }
        var sweep = s.Sweep;
        // An empty list means "keep the namespace's default range": one run per other value, no range set.
        IReadOnlyList<PortRange?> ranges = sweep.PortRanges.Count > 0 ? [.. sweep.PortRanges.Select(r => (PortRange?)r)] : [null];
        // Not swept: one run per other value, with the lab's own tcp_tw_reuse.
        IReadOnlyList<int?> twReuse = sweep.TwReuse.Count > 0 ? [.. sweep.TwReuse.Select(w => (int?)w)] : [null];
        var runs = new List<SweepRun>();
        foreach (var variant in sweep.Variants)
        {
            // Without bind_before_connect the client never uses a source IP (connect() takes the
            // route's), so more source IPs would repeat the same run: keep the first value only.
            var sourceIps = variant.Client.BindBeforeConnect ? sweep.SourceIps : sweep.SourceIps.Take(1).ToList();
            foreach (var range in ranges)
            {
                foreach (int targets in sweep.Targets)
                {
                    foreach (int ips in sourceIps)
                    {
                        foreach (int? tw in twReuse)
                        {
                            foreach (var (proxy, proxyId) in ProxyCuts(s))
                            {
                                int number = runs.Count + 1;
                                var client = variant.Client with { SourceIps = variant.Client.SourceIps.Take(ips).ToList() };
                                runs.Add(new SweepRun(number, variant.Name, Id(number, variant.Name, range, targets, ips) + TwId(tw) + proxyId, range,
                                    WithTwReuse(Concrete(s, client, range, targets), tw) with { Proxy = proxy }));
                            }
                        }
                    }
                }
            }
        }
        foreach (var extra in sweep.Include)
        {
            var variant = sweep.Variants.First(v => v.Name == extra.Variant);
            var range = extra.PortRange ?? ranges[0];
            int ips = variant.Client.BindBeforeConnect ? extra.SourceIps : 1;
            int number = runs.Count + 1;
            var client = variant.Client with { SourceIps = variant.Client.SourceIps.Take(ips).ToList() };
            var scenario = extra.ConnectionsMax
                ? Concrete(s with { Load = s.Load with { ConnectionsAuto = false, ConnectionsMax = true, ConnectionsMaxCap = extra.ConnectionsMaxCap } }, client, range, extra.Targets)
                : extra.Connections is { } n
                ? Concrete(s with { Load = s.Load with { Connections = n, ConnectionsAuto = false, ConnectionsMax = false, ConnectionsMaxCap = null } }, client, range, extra.Targets)
                : Concrete(s, client, range, extra.Targets);
            runs.Add(new SweepRun(number, variant.Name, Id(number, variant.Name, range, extra.Targets, ips) + TwId(twReuse[0]), range,
                WithTwReuse(scenario, twReuse[0])));
        }
        return runs;
    }

    /// <summary>"003-bind-r4000-t4-s1": sortable by number, readable without opening the folder.</summary>
    private static string Id(int number, string variant, PortRange? range, int targets, int sourceIps)
    {
        string r = range is { } pr ? string.Create(CultureInfo.InvariantCulture, $"-r{pr.Size}") : "";
        return string.Create(CultureInfo.InvariantCulture, $"{number:D3}-{variant}{r}-t{targets}-s{sourceIps}");
    }

    /// <summary>
    /// The proxy of each run, innermost: the first N backends ("-b4") times each proxy_source
    /// ("-pk": the kernel picks, "-p2": two addresses, "-p127.0.0.2": one). Unswept: the base proxy, no tag.
    /// </summary>
    private static IEnumerable<(ProxySpec? Proxy, string Id)> ProxyCuts(Scenario s)
    {
        if (s.Proxy is not { } proxy || s.Sweep is not { } sweep)
        {
            yield return (s.Proxy, "");
            yield break;
        }
        IReadOnlyList<int?> backends = sweep.ProxyBackends.Count > 0 ? [.. sweep.ProxyBackends.Select(b => (int?)b)] : [null];
        IReadOnlyList<IReadOnlyList<System.Net.IPAddress>?> sources = sweep.ProxySources.Count > 0 ? [.. sweep.ProxySources] : [null];
        foreach (int? b in backends)
        {
            foreach (var source in sources)
            {
                var cut = proxy with
                {
                    Backends = b is { } n ? proxy.Backends.Take(n).ToList() : proxy.Backends,
                    Source = source ?? proxy.Source,
                };
                string id = (b is { } bn ? string.Create(CultureInfo.InvariantCulture, $"-b{bn}") : "")
                    + (source is null ? "" : "-p" + SourceTag(source));
                yield return (cut, id);
            }
        }
    }

    private static string SourceTag(IReadOnlyList<System.Net.IPAddress> source) => source.Count switch
    {
        0 => "k",
        1 => source[0].ToString(),
        _ => source.Count.ToString(CultureInfo.InvariantCulture),
    };

    private static string TwId(int? twReuse) =>
        twReuse is { } w ? string.Create(CultureInfo.InvariantCulture, $"-w{w}") : "";

    /// <summary>The run's lab sets net.ipv4.tcp_tw_reuse (a per-namespace sysctl) when the sweep has that dimension.</summary>
    private static Scenario WithTwReuse(Scenario s, int? twReuse)
    {
        if (twReuse is not { } w)
        {
            return s;
        }
        var sysctl = new Dictionary<string, string>(s.Lab?.Sysctl ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [TwReuseKey] = w.ToString(CultureInfo.InvariantCulture),
        };
        return s with { Lab = (s.Lab ?? new LabSpec()) with { Sysctl = sysctl } };
    }

    public const string TwReuseKey = "net.ipv4.tcp_tw_reuse";

    private static Scenario Concrete(Scenario s, ClientSpec client, PortRange? range, int targets)
    {
        var load = s.Load;
        if (load.ConnectionsAuto)
        {
            if (range is not { } r)
            {
                // The loader refuses this; a scenario built in code may still try.
                throw new ArgumentException("connections: auto needs a port range (lab sysctl or sweep.port_range)", nameof(s));
            }
            load = load with { Connections = AutoConnections.Resolve(client, r, targets), ConnectionsAuto = false };
        }
        return s with
        {
            Sweep = null,
            Lab = range is { } lr ? LabPortRange.With(s.Lab, lr) : s.Lab,
            Targets = s.Targets.Take(targets).ToList(),
            Client = client,
            Load = load,
        };
    }
}
