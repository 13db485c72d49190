using ConnStorm.Scenarios;

namespace ConnStorm.Tests.Scenarios;

public class DurationsTests
{
    [Theory]
    [InlineData("3s", 3_000)]
    [InlineData("100ms", 100)]
    [InlineData("2m", 120_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("1h", 3_600_000)]
    [InlineData("0", 0)]
    [InlineData("0s", 0)]
    [InlineData("10", 10_000)]
    [InlineData("0.5", 500)]
    [InlineData(" 250ms ", 250)]
    public void Parse_ReadsUnitsAndBareSeconds(string text, int milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), Durations.Parse(text));
    }

    [Theory]
    [InlineData("-1s", "negative")]
    [InlineData("-5", "negative")]
    [InlineData("", "not a duration")]
    [InlineData("s", "not a duration")]
    [InlineData("3 days", "not a duration")]
    [InlineData("3d", "not a duration")]
    [InlineData("1e3s", "not a duration")]
    [InlineData("fast", "not a duration")]
    [InlineData("1000h", "longer than 7 days")]
    public void Parse_WithInvalidText_ThrowsFormatException(string text, string problem)
    {
        var e = Assert.Throws<FormatException>(() => Durations.Parse(text));

        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(100, "100ms")]
    [InlineData(1_500, "1500ms")]
    [InlineData(3_000, "3s")]
    [InlineData(120_000, "2m")]
    [InlineData(90_000, "90s")]
    [InlineData(7_200_000, "2h")]
    public void Format_UsesTheLargestExactUnit(int milliseconds, string expected)
    {
        Assert.Equal(expected, Durations.Format(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Fact]
    public void Format_OfSubMillisecond_ReadsBackExactly()
    {
        var d = TimeSpan.FromTicks(5_000);

        Assert.Equal(d, Durations.Parse(Durations.Format(d)));
    }
}
