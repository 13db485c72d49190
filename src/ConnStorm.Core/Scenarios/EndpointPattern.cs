using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ConnStorm.Scenarios;

/// <summary>
/// Address and port patterns of the scenario language:
/// "127.0.0.1:9000", "127.0.0.1-127.0.0.4:9000-9003" (every address × every port),
/// "[::1]:9000", "[::1]:9000-9001". Address ranges are IPv4 only.
/// </summary>
public static class EndpointPattern
{
    /// <summary>Upper bound on one pattern's expansion, so a typo cannot ask for billions of endpoints.</summary>
    public const int MaxExpansion = 1_000_000;

    /// <summary>Expands a pattern to its endpoints, addresses outer, ports inner. Throws FormatException.</summary>
    public static IReadOnlyList<IPEndPoint> Expand(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        string addressPart, portPart;
        if (text.StartsWith('['))
        {
            int close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || close + 1 >= text.Length || text[close + 1] != ':')
            {
                throw new FormatException($"'{text}' is not ADDRESS:PORT (IPv6 is written [::1]:9000)");
            }
            addressPart = text[1..close];
            portPart = text[(close + 2)..];
        }
        else
        {
            int colon = text.LastIndexOf(':');
            if (colon <= 0)
            {
                throw new FormatException($"'{text}' is not ADDRESS:PORT (for example 127.0.0.1:9000)");
            }
            if (text.IndexOf(':', StringComparison.Ordinal) != colon)
            {
                throw new FormatException($"'{text}': an IPv6 address is written in brackets, [::1]:9000");
            }
            addressPart = text[..colon];
            portPart = text[(colon + 1)..];
        }

        var addresses = ExpandAddresses(addressPart);
        var ports = ParsePortRange(portPart);
        long count = (long)addresses.Count * ports.Size;
        if (count > MaxExpansion)
        {
            throw new FormatException($"'{text}' expands to {count} endpoints, more than {MaxExpansion}");
        }
        var result = new List<IPEndPoint>((int)count);
        foreach (var a in addresses)
        {
            for (int p = ports.Lo; p <= ports.Hi; p++)
            {
                result.Add(new IPEndPoint(a, p));
            }
        }
        return result;
    }

    /// <summary>"127.0.0.1", "127.0.0.1-127.0.0.9", "::1". Throws FormatException.</summary>
    public static IReadOnlyList<IPAddress> ExpandAddresses(string text)
    {
        text = text.Trim();
        int dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return [ParseAddress(text)];
        }
        var lo = ParseAddress(text[..dash]);
        var hi = ParseAddress(text[(dash + 1)..]);
        if (lo.AddressFamily != AddressFamily.InterNetwork || hi.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new FormatException($"'{text}': address ranges are IPv4 only");
        }
        uint a = ToUInt(lo), b = ToUInt(hi);
        if (a > b)
        {
            throw new FormatException($"'{text}': the range's low address is above its high address");
        }
        if (b - a >= MaxExpansion)
        {
            throw new FormatException($"'{text}' has {(long)b - a + 1} addresses, more than {MaxExpansion}");
        }
        var list = new List<IPAddress>((int)(b - a + 1));
        for (uint v = a; ; v++)
        {
            list.Add(FromUInt(v));
            if (v == b)
            {
                break;
            }
        }
        return list;
    }

    public static IPAddress ParseAddress(string text)
    {
        text = text.Trim();
        if (text.StartsWith('[') && text.EndsWith(']'))
        {
            text = text[1..^1];
        }
        // IPAddress.TryParse accepts "1" or "127.1" as IPv4 shorthands; a scenario should say what it means.
        bool looksV4 = text.Count(c => c == '.') == 3;
        bool looksV6 = text.Contains(':', StringComparison.Ordinal);
        if ((!looksV4 && !looksV6) || !IPAddress.TryParse(text, out var address))
        {
            throw new FormatException($"'{text}' is not an IP address");
        }
        return address;
    }

    /// <summary>"9000" or "9000-9010", each in 1..65535, lo &lt;= hi. Also accepts "LO HI" (the sysctl's form).</summary>
    public static PortRange ParsePortRange(string text)
    {
        text = text.Trim();
        string[] parts = text.Split(['-', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 1 or > 2)
        {
            throw new FormatException($"'{text}' is not a port or a port range (LO-HI)");
        }
        int lo = ParsePort(parts[0], text);
        int hi = parts.Length == 2 ? ParsePort(parts[1], text) : lo;
        if (lo > hi)
        {
            throw new FormatException($"'{text}': low port {lo} is above high port {hi}");
        }
        return new PortRange(lo, hi);
    }

    private static int ParsePort(string part, string whole)
    {
        if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int port))
        {
            throw new FormatException($"'{whole}': '{part}' is not a port number");
        }
        if (port is < 1 or > 65535)
        {
            throw new FormatException($"'{whole}': port {port} is outside 1-65535");
        }
        return port;
    }

    private static uint ToUInt(IPAddress a)
    {
        Span<byte> b = stackalloc byte[4];
        a.TryWriteBytes(b, out _);
        return (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]);
    }

    private static IPAddress FromUInt(uint v) => new([(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v]);
}
