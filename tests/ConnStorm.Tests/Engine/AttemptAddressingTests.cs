using ConnStorm.Engine;

namespace ConnStorm.Tests.Engine;

public sealed class AttemptAddressingTests
{
    [Fact]
    public void Targets_TurnFastest_ThenSourceIps_ThenPorts()
    {
        var a = new AttemptAddressing(Targets: 2, SourceIps: 3, SourcePorts: 4);
        var seen = Enumerable.Range(0, 24).Select(s => (a.TargetIndex(s), a.SourceIpIndex(s), a.SourcePortOffset(s))).ToList();

        Assert.Equal((0, 0, 0), seen[0]);
        Assert.Equal((1, 0, 0), seen[1]);
        Assert.Equal((0, 1, 0), seen[2]);
        Assert.Equal((1, 2, 0), seen[5]);
        Assert.Equal((0, 0, 1), seen[6]);
        // Every combination exactly once before any repeats.
        Assert.Equal(24, seen.Distinct().Count());
    }

    [Fact]
    public void WithoutSourceIpsOrPorts_TheirIndexesAreMinusOneSoTheKernelChooses()
    {
        var a = new AttemptAddressing(Targets: 3, SourceIps: 0, SourcePorts: 0);
        Assert.Equal(-1, a.SourceIpIndex(7));
        Assert.Equal(-1, a.SourcePortOffset(7));
        Assert.Equal(1, a.TargetIndex(7));
    }
}
