namespace ConnStorm.Verdicts;

/// <summary>The claims <see cref="MythVerdicts"/> judges, worded as the folklore states them.</summary>
public static class MythClaims
{
    public const string Max65535 = "One host cannot open more than 65535 TCP connections";

    public const string ConnectLimit = "connect() without bind: limit = port range size × distinct destinations";

    public const string BindZeroLimit = "bind(ip, 0) before connect(): limit = range size per source IP, however many destinations (EADDRINUSE at bind)";

    public const string NoPortRestores = "IP_BIND_ADDRESS_NO_PORT restores the connect() limit";

    public const string ReuseAddrShares = "SO_REUSEADDR with explicit ports shares one source port across destinations";
}
