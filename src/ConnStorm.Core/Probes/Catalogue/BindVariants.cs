using System.Net;
using static ConnStorm.Sockets.SocketOptions;

namespace ConnStorm.Probes.Catalogue;

/// <summary>
/// One local address a bind-matrix socket binds: "[::]" is dual-stack (IPV6_V6ONLY 0, what a
/// fresh namespace defaults to), "[::]v6only" the same address with IPV6_V6ONLY 1. The two
/// v4-mapped addresses are bound on dual-stack IPv6 sockets (a v6only socket refuses them):
/// the kernel's bind_wildcard selftest checks that they conflict as the IPv4 addresses they map,
/// which the bhash2 table of 6.1 broke for a while (fixed in 6.4-6.5 and the stable kernels).
/// </summary>
internal sealed record BindAddress(string Label, IPAddress Address, bool V6Only)
{
    public int Family => Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? AF_INET6 : AF_INET;

    public static readonly IReadOnlyList<BindAddress> All =
    [
        new("0.0.0.0", IPAddress.Any, false),
        new("127.0.0.1", IPAddress.Loopback, false),
        new("127.0.0.2", IPAddress.Parse("127.0.0.2"), false),
        new("[::]", IPAddress.IPv6Any, false),
        new("[::]v6only", IPAddress.IPv6Any, true),
        new("[::1]", IPAddress.IPv6Loopback, false),
        new("[::ffff:0.0.0.0]", IPAddress.Parse("::ffff:0.0.0.0"), false),
        new("[::ffff:127.0.0.1]", IPAddress.Parse("::ffff:127.0.0.1"), false),
    ];

    /// <summary>The IPv4 address a v4-mapped one stands for ("[::ffff:0.0.0.0]" → "0.0.0.0"); null for any other.</summary>
    public BindAddress? Unmapped => Address.IsIPv4MappedToIPv6 ? All.FirstOrDefault(a => a.Address.Equals(Address.MapToIPv4())) : null;

    public bool IsMapped => Address.IsIPv4MappedToIPv6;
}

/// <summary>The socket options set on both sockets of a bind-matrix cell.</summary>
internal sealed record BindOptions(string Label, bool ReuseAddr, bool ReusePort)
{
    public static readonly BindOptions None = new("none", false, false);
    public static readonly BindOptions ReuseAddress = new("reuseaddr", true, false);
    public static readonly BindOptions ReusePortOnly = new("reuseport", false, true);
    public static readonly BindOptions Both = new("reuseaddr+reuseport", true, true);

    public static readonly IReadOnlyList<BindOptions> All = [None, ReuseAddress, ReusePortOnly, Both];

    public string Describe => this switch
    {
        { ReuseAddr: true, ReusePort: true } => "SO_REUSEADDR and SO_REUSEPORT on both",
        { ReuseAddr: true } => "SO_REUSEADDR on both",
        { ReusePort: true } => "SO_REUSEPORT on both",
        _ => "neither option",
    };
}
