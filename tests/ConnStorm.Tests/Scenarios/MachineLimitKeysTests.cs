using ConnStorm.Scenarios;
using static ConnStorm.Tests.TestSupport.ScenarioText;

namespace ConnStorm.Tests.Scenarios;

public class MachineLimitKeysTests
{
    [Fact]
    public void Connections_Max_IsSizedByTheRunnerWithoutCap()
    {
        var load = Parse(Minimal + "\nload:\n  connections: max\n").Load;

        Assert.True(load.ConnectionsMax);
        Assert.Null(load.ConnectionsMaxCap);
    }

    [Fact]
    public void Connections_MaxWithCap_KeepsTheCap()
    {
        var load = Parse(Minimal, "load.connections=max:1000000").Load;

        Assert.True(load.ConnectionsMax);
        Assert.Equal(1_000_000, load.ConnectionsMaxCap);
    }

    [Theory]
    [InlineData("max:0")]
    [InlineData("max:lots")]
    [InlineData("maxi")]
    public void Connections_BadMax_ReportsLineColumnAndKey(string value)
    {
        var e = Fails(Minimal + $"\nload:\n  connections: {value}\n");

        AssertAt(e, 4, 16, "load.connections");
    }

    [Fact]
    public void MemoryFloor_IsReadFromLoad() =>
        Assert.Equal(2L << 30, Parse(Minimal + "\nload:\n  memory_floor: 2G\n").Load.MemoryFloor.Resolve(24L << 30));

    [Fact]
    public void MemoryFloor_Absent_IsTheDefault() => Assert.True(Parse(Minimal).Load.MemoryFloor.IsDefault);

    [Fact]
    public void MemoryFloor_Bad_ReportsLineColumnAndKey()
    {
        var e = Fails(Minimal + "\nload:\n  memory_floor: plenty\n");

        AssertAt(e, 4, 17, "load.memory_floor");
    }

    [Fact]
    public void Resolved_KeepsMaxAndTheFloor()
    {
        var s = Parse(Minimal + "\nload:\n  connections: max:5000\n  memory_floor: 15%\n");
        var load = (System.Collections.IDictionary)ScenarioYaml.ToResolved(s)["load"]!;

        Assert.Equal("max:5000", load["connections"]);
        Assert.Equal("15%", load["memory_floor"]);
    }
}
