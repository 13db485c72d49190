using ConnStorm.Results;

namespace ConnStorm.Tests.Results;

public class PercentilesTests
{
    [Theory]
    [InlineData(50, 50)]
    [InlineData(99, 99)]
    [InlineData(100, 100)]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(50.5, 51)]
    public void NearestRank_OnOneToHundred_IsTheValueAtRankCeilPTimesN(double p, int expected)
    {
        var values = Enumerable.Range(1, 100).Reverse().ToArray();

        Assert.Equal(expected, Percentiles.NearestRank(values, p));
    }

    [Fact]
    public void NearestRank_OnAShortSample_PicksAMeasuredValueWithoutInterpolating()
    {
        int[] values = [15, 20, 35, 40, 50];

        Assert.Equal(20, Percentiles.NearestRank(values, 30));
        Assert.Equal(20, Percentiles.NearestRank(values, 40));
        Assert.Equal(35, Percentiles.NearestRank(values, 50));
        Assert.Equal(50, Percentiles.NearestRank(values, 99));
    }

    [Fact]
    public void NearestRank_DoesNotReorderTheCallersArray()
    {
        int[] values = [3, 1, 2];

        Percentiles.NearestRank(values, 50);

        Assert.Equal([3, 1, 2], values);
    }

    [Fact]
    public void NearestRank_OnAnEmptySample_IsNull()
    {
        Assert.Null(Percentiles.NearestRank([], 50));
        Assert.Null(Percentiles.SummarizeInPlace([]));
    }

    [Fact]
    public void SummarizeInPlace_GivesP50P99AndMax()
    {
        var values = Enumerable.Range(1, 1000).Reverse().ToArray();

        Assert.Equal(new LatencyPercentiles(500, 990, 1000), Percentiles.SummarizeInPlace(values));
    }

    [Fact]
    public void SummarizeInPlace_OnOneValue_GivesItForEveryPercentile()
    {
        Assert.Equal(new LatencyPercentiles(7, 7, 7), Percentiles.SummarizeInPlace([7]));
    }
}
