using ConnStorm.Rules;

namespace ConnStorm.Tests.Rules;

public class MemoryFloorTests
{
    private const long GiB = 1L << 30;

    [Theory]
    [InlineData("2G", 2 * GiB)]
    [InlineData("512M", 512L << 20)]
    [InlineData("64K", 64L << 10)]
    [InlineData("1.5G", 3 * GiB / 2)]
    [InlineData("1073741824", GiB)]
    public void Parse_SizeWithBinarySuffix_IsThatManyBytes(string text, long bytes) =>
        Assert.Equal(bytes, MemoryFloor.TryParse(text)!.Resolve(24 * GiB));

    [Fact]
    public void Parse_Percent_IsThatShareOfMemTotal() =>
        Assert.Equal(24 * GiB * 15 / 100, MemoryFloor.TryParse("15%")!.Resolve(24 * GiB));

    [Theory]
    [InlineData("")]
    [InlineData("lots")]
    [InlineData("2GiB")]
    [InlineData("-1G")]
    [InlineData("0%")]
    [InlineData("100%")]
    public void Parse_AnythingElse_IsNull(string text) => Assert.Null(MemoryFloor.TryParse(text));

    [Fact]
    public void Default_IsTenPercentOfMemTotal_AtLeastOneGiB()
    {
        Assert.Equal(24 * GiB / 10, MemoryFloor.Default.Resolve(24 * GiB));
        Assert.Equal(GiB, MemoryFloor.Default.Resolve(4 * GiB));
        Assert.Contains("10% of MemTotal", MemoryFloor.Default.Describe(), StringComparison.Ordinal);
    }
}
