using ConnStorm.Sockets;

namespace ConnStorm.Tests.Sockets;

public sealed class ErrnoTests
{
    [Theory]
    [InlineData(99, "EADDRNOTAVAIL")]
    [InlineData(98, "EADDRINUSE")]
    [InlineData(24, "EMFILE")]
    [InlineData(23, "ENFILE")]
    [InlineData(111, "ECONNREFUSED")]
    [InlineData(110, "ETIMEDOUT")]
    [InlineData(104, "ECONNRESET")]
    public void Name_GivesTheLinuxSymbol(int number, string name) => Assert.Equal(name, Errno.Name(number));

    [Fact]
    public void Name_OfAnUnknownNumber_KeepsTheNumber() => Assert.Equal("E4242", Errno.Name(4242));

    [Fact]
    public void Table_NamesTheErrnoTheKernelReturnsForAnUnsupportedFamily()
    {
        // A socket() of an unsupported family must fail with the number the table calls EAFNOSUPPORT.
        int rc = RawSocket.OpenTcp(12345);
        Assert.Equal("EAFNOSUPPORT", Errno.Name(-rc));
    }

    [Fact]
    public void TryParse_IsTheInverseOfName()
    {
        foreach (int n in Errno.Known)
        {
            Assert.True(Errno.TryParse(Errno.Name(n), out int back));
            Assert.Equal(n, back);
        }
    }
}
