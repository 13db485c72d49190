using System.Net;
using YamlDotNet.RepresentationModel;

namespace ConnStorm.Scenarios;

/// <summary>
/// The proxy: section, and the checks that tie it to the sink (which serves as its backends),
/// the targets (the clients connect to the proxy) and the client (which must verify by echo).
/// </summary>
internal sealed partial class ScenarioBinder
{
    private static readonly string[] ProxyKeys = ["listen", "backends", "balance", "source", "maxconn", "timeout_connect"];

    private ProxySpec BindProxy(YamlNode keyNode, YamlNode node, SinkSpec? sink, IReadOnlyList<IPEndPoint> targets, SectionReader top)
    {
        var s = Section(node, keyNode, "proxy", ProxyKeys);
        var d = new ProxySpec { Listen = new IPEndPoint(IPAddress.Loopback, 1), Backends = [] };
        var listen = s.Required("listen", SingleEndpoint);
        var backends = s.Required("backends", (n, k) => Backends(n, k, sink, keyNode));
        if (targets.Count != 1 || !targets[0].Equals(listen))
        {
            throw map.Error(top.ValueOf("targets"), "targets",
                $"with proxy: the clients connect to the proxy, so targets must be [\"{Sockets.SockAddr.Format(listen.Address, listen.Port)}\"] (proxy.listen)");
        }
        return new ProxySpec
        {
            Listen = listen,
            Backends = backends,
            Balance = s.Get("balance", d.Balance, BalanceOf),
            Source = s.Optional("source", [], Addresses).Select(a => a.Address).ToList(),
            MaxConn = s.Get("maxconn", d.MaxConn, (n, k) => Int(n, k, 1, 10_000_000)),
            TimeoutConnect = s.Get("timeout_connect", d.TimeoutConnect, (n, k) => Duration(n, k, positive: true)),
        };
    }

    private IPEndPoint SingleEndpoint(YamlNode node, string key)
    {
        var all = NonEmptyEndpoints(node, key);
        return all.Count == 1 ? all[0] : throw map.Error(node, key, $"expected one address:port, got a pattern of {all.Count} endpoints");
    }

    /// <summary>The backends, each of which the embedded sink must listen on: nothing else would answer them.</summary>
    private List<IPEndPoint> Backends(YamlNode node, string key, SinkSpec? sink, YamlNode proxyKey)
    {
        if (sink is null)
        {
            throw map.Error(proxyKey, "proxy", "needs the embedded sink (sink:) listening on every backend, in echo mode");
        }
        var result = new List<IPEndPoint>();
        foreach (var (text, n) in Texts(node, key, "endpoint patterns such as 127.0.0.2-127.0.0.5:9000"))
        {
            IReadOnlyList<IPEndPoint> expanded;
            try
            {
                expanded = EndpointPattern.Expand(text);
            }
            catch (FormatException e)
            {
                throw map.Error(n, key, e.Message, e);
            }
            if (expanded.FirstOrDefault(b => !sink.Listen.Contains(b)) is { } missing)
            {
                throw map.Error(n, key,
                    $"{Sockets.SockAddr.Format(missing.Address, missing.Port)} is not in sink.listen: the embedded sink must listen on every backend");
            }
            result.AddRange(expanded);
        }
        return result.Count > 0 ? result : throw map.Error(node, key, "is empty: give at least one backend such as 127.0.0.2:9000");
    }

    private ProxyBalance BalanceOf(YamlNode node, string key) => Text(node, key, "roundrobin or leastconn") switch
    {
        "roundrobin" => ProxyBalance.RoundRobin,
        "leastconn" => ProxyBalance.LeastConn,
        var other => throw map.Error(node, key, $"'{other}' is not a balance algorithm: use roundrobin or leastconn"),
    };

    /// <summary>Behind a proxy that accepts first and connects upstream later, only an echo proves the connection went through.</summary>
    private void CheckProxyVerify(ProxySpec? proxy, ClientSpec client, SectionReader clientSection)
    {
        if (proxy is not null && client.Verify != VerifyMode.Echo)
        {
            throw map.Error(clientSection.ValueOf("verify"), clientSection.PathOf("verify"),
                "proxy: needs client.verify: echo (the proxy accepts every connection before it connects upstream, so only an echoed payload proves one went through)");
        }
    }

    /// <summary>sweep.proxy_source: each value is none (the kernel picks), one address, a range, or a list.</summary>
    private List<IReadOnlyList<IPAddress>> ProxySources(YamlNode node, string key)
    {
        const string Expected = "none, an address, a range such as 127.0.0.2-127.0.0.5, or a list of addresses";
        var items = node is YamlSequenceNode seq ? seq.Children.ToList() : [node];
        if (items.Count == 0)
        {
            throw map.Error(node, key, $"is empty: give at least one value ({Expected}), or leave the key out");
        }
        var result = new List<IReadOnlyList<IPAddress>>();
        foreach (var item in items)
        {
            bool none = IsNull(item) || item is YamlScalarNode { Value: "none" };
            result.Add(none ? [] : Addresses(item, key).Select(a => a.Address).ToList());
        }
        return result;
    }
}
