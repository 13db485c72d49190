using ConnStorm.Results;

namespace ConnStorm.Tests.Results;

public class SystemFactsTests
{
    [Fact]
    public void ParseMemTotal_ReadsKibibytesAsBytes()
    {
        string[] meminfo = ["MemFree:         1000 kB", "MemTotal:       16318412 kB"];

        Assert.Equal(16318412L * 1024, SystemFacts.ParseMemTotal(meminfo));
    }

    [Fact]
    public void ParseMemTotal_WithoutTheLine_IsNull()
    {
        Assert.Null(SystemFacts.ParseMemTotal(["MemFree: 1 kB"]));
    }

    [Fact]
    public void Facts_OnThisMachine_AreFilledIn()
    {
        Assert.False(string.IsNullOrEmpty(SystemFacts.KernelRelease()));
        Assert.False(string.IsNullOrEmpty(SystemFacts.Hostname()));
        Assert.False(string.IsNullOrEmpty(SystemFacts.ToolVersion()));
        Assert.True(SystemFacts.Cores > 0);
    }
}
