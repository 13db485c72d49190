using ConnStorm.Rules;
using ConnStorm.Sockets;

namespace ConnStorm.Tests.Rules;

public class LimitLadderTests
{
    private const long GiB = 1L << 30;

    private static readonly PortRules.Prediction Ports = PortRules.Predict(new ClientShape(false, false, false, 0, 64512, 64, 1));

    private static MachineLimits Facts => new()
    {
        MemTotalBytes = 24 * GiB,
        MemAvailableBytes = 22 * GiB,
        MemoryFloorBytes = 2 * GiB,
        FileMax = 2_466_177,
        FilesAllocated = 35_000,
        DescriptorsPerProcess = 20_000,
        ConnectionsPerProcess = 19_672,
        Workers = 128,
        BytesPerConnection = 5_000,
    };

    [Fact]
    public void Ladder_WithEveryFact_HasOneRungPerLimitEachFromItsFacts()
    {
        var ladder = LimitLadder.Of(Facts, Ports);

        Assert.Equal(64512L * 64, ladder.Single(r => r.Kind == LimitLadder.Kind.Ports).Connections);
        Assert.Equal(19_672L * 128, ladder.Single(r => r.Kind == LimitLadder.Kind.Descriptors).Connections);
        Assert.Equal(2_466_177L - 35_000, ladder.Single(r => r.Kind == LimitLadder.Kind.Files).Connections);
        Assert.Equal(20 * GiB / 5_000, ladder.Single(r => r.Kind == LimitLadder.Kind.Memory).Connections);
    }

    [Fact]
    public void Lowest_IsTheRungAllowingFewestConnections()
    {
        var ladder = LimitLadder.Of(Facts with { BytesPerConnection = 20_000 }, Ports);

        Assert.Equal(LimitLadder.Kind.Memory, LimitLadder.Lowest(ladder)!.Kind);
        Assert.Equal(LimitLadder.Kind.Files, LimitLadder.Lowest(LimitLadder.Of(Facts, Ports))!.Kind);
        Assert.Equal(LimitLadder.Kind.Descriptors, LimitLadder.Lowest(LimitLadder.Of(Facts with { FileMaxExempt = true }, Ports))!.Kind);
    }

    [Fact]
    public void Files_WithCapSysAdmin_AreExemptAndAllowNoCount()
    {
        var files = LimitLadder.Of(Facts with { FileMaxExempt = true }, Ports).Single(r => r.Kind == LimitLadder.Kind.Files);

        Assert.Null(files.Connections);
        Assert.Contains("CAP_SYS_ADMIN", files.How, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_WithAnAcceptingSink_CountBothEnds()
    {
        var one = LimitLadder.Of(Facts, Ports).Single(r => r.Kind == LimitLadder.Kind.Files).Connections;
        var two = LimitLadder.Of(Facts with { SinkAccepts = true }, Ports).Single(r => r.Kind == LimitLadder.Kind.Files).Connections;

        Assert.Equal(one / 2, two);
    }

    [Fact]
    public void Memory_SubtractsTheFloorAndTheProcessesBaseline()
    {
        var memory = LimitLadder.Of(Facts with { ProcessesBaselineBytes = 4 * GiB }, Ports).Single(r => r.Kind == LimitLadder.Kind.Memory);

        Assert.Equal((22 - 2 - 4) * GiB / 5_000, memory.Connections);
    }

    [Fact]
    public void Memory_WithoutBytesPerConnection_NamesNoCount() =>
        Assert.Null(LimitLadder.Of(Facts with { BytesPerConnection = null }, Ports).Single(r => r.Kind == LimitLadder.Kind.Memory).Connections);

    [Theory]
    [InlineData(Errno.EMFILE, LimitLadder.Kind.Descriptors)]
    [InlineData(Errno.ENFILE, LimitLadder.Kind.Files)]
    [InlineData(Errno.EADDRNOTAVAIL, LimitLadder.Kind.Ports)]
    [InlineData(Errno.EADDRINUSE, LimitLadder.Kind.Ports)]
    public void KindOf_MapsEachLimitsErrno(int errno, LimitLadder.Kind kind) => Assert.Equal(kind, LimitLadder.KindOf(errno));

    [Fact]
    public void KindOf_OtherErrno_IsNoLimit() => Assert.Null(LimitLadder.KindOf(Errno.ECONNREFUSED));
}
