using System.Net;
using ConnStorm.Scenarios;

namespace ConnStorm.Tests.Scenarios;

public class EndpointPatternTests
{
    [Fact]
    public void Expand_SingleEndpoint_ReturnsIt()
    {
        Assert.Equal([new IPEndPoint(IPAddress.Loopback, 9000)], EndpointPattern.Expand("127.0.0.1:9000"));
    }

    [Fact]
    public void Expand_AddressAndPortRanges_ListsAddressesOuterAndPortsInner()
    {
        var endpoints = EndpointPattern.Expand("127.0.0.1-127.0.0.3:9000-9001");

        Assert.Equal(
            ["127.0.0.1:9000", "127.0.0.1:9001", "127.0.0.2:9000", "127.0.0.2:9001", "127.0.0.3:9000", "127.0.0.3:9001"],
            endpoints.Select(e => e.ToString()));
    }

    [Fact]
    public void Expand_AddressRangeAcrossAnOctet_Carries()
    {
        var addresses = EndpointPattern.ExpandAddresses("127.0.0.254-127.0.1.1");

        Assert.Equal(["127.0.0.254", "127.0.0.255", "127.0.1.0", "127.0.1.1"], addresses.Select(a => a.ToString()));
    }

    [Fact]
    public void Expand_IPv6InBrackets_ExpandsPorts()
    {
        var endpoints = EndpointPattern.Expand("[::1]:9000-9002");

        Assert.Equal(3, endpoints.Count);
        Assert.All(endpoints, e => Assert.Equal(IPAddress.IPv6Loopback, e.Address));
        Assert.Equal([9000, 9001, 9002], endpoints.Select(e => e.Port));
    }

    [Theory]
    [InlineData("127.0.0.1:9001-9000", "above high port")]
    [InlineData("127.0.0.1:0", "outside 1-65535")]
    [InlineData("127.0.0.1:65536", "outside 1-65535")]
    [InlineData("127.0.0.1:1-65536", "outside 1-65535")]
    [InlineData("127.0.0.2-127.0.0.1:9000", "low address")]
    [InlineData("127.0.0.1-::1:9000", "brackets")]
    [InlineData("[127.0.0.1-::1]:9000", "IPv4 only")]
    [InlineData("[::1-::2]:9000", "IPv4 only")]
    [InlineData("::1:9000", "brackets")]
    [InlineData("127.0.0.1", "ADDRESS:PORT")]
    [InlineData("127.1:9000", "not an IP address")]
    [InlineData("[::1]9000", "ADDRESS:PORT")]
    [InlineData("127.0.0.1:http", "not a port number")]
    [InlineData("127.0.0.0-127.255.255.255:9000", "more than")]
    public void Expand_WithBadPattern_ThrowsFormatException(string text, string problem)
    {
        var e = Assert.Throws<FormatException>(() => EndpointPattern.Expand(text));

        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9000", 9000, 9000)]
    [InlineData("1-65535", 1, 65535)]
    [InlineData("40000 40099", 40000, 40099)]
    [InlineData(" 50000-50009 ", 50000, 50009)]
    public void ParsePortRange_ReadsSinglePortsAndRanges(string text, int lo, int hi)
    {
        var range = EndpointPattern.ParsePortRange(text);

        Assert.Equal(new PortRange(lo, hi), range);
        Assert.Equal(hi - lo + 1, range.Size);
    }

    [Fact]
    public void ParseAddress_AcceptsBracketedIPv6()
    {
        Assert.Equal(IPAddress.IPv6Loopback, EndpointPattern.ParseAddress("[::1]"));
    }
}
