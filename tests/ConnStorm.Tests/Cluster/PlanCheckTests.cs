using System.Net;
using ConnStorm.Cluster;

namespace ConnStorm.Tests.Cluster;

public sealed class PlanCheckTests
{
    private static Plan PlanOf(string scenarioJson, string token = "1-abc") => new(token, 1, ".", scenarioJson);

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.9.9.9")]
    [InlineData("198.19.255.1")]
    [InlineData("[::1]")]
    public void TargetsInTheDefaultRanges_AreAccepted(string address)
    {
        var s = PlanCheck.Check(PlanOf($$"""{"name": "x", "targets": ["{{address}}:9000"]}"""), PlanCheck.DefaultAllowed, out string reason);

        Assert.True(s is not null, reason);
    }

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("198.20.0.1")]
    [InlineData("[2001:db8::1]")]
    public void TargetsOutsideTheAllowedRanges_AreRefusedNamingTheAddress(string address)
    {
        var s = PlanCheck.Check(PlanOf($$"""{"name": "x", "targets": ["{{address}}:9000"]}"""), PlanCheck.DefaultAllowed, out string reason);

        Assert.Null(s);
        Assert.Contains(address.Trim('[', ']'), reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AllowTargets_WidensWhatIsAccepted()
    {
        var s = PlanCheck.Check(PlanOf("""{"name": "x", "targets": ["10.0.0.1:9000"]}"""), [IPNetwork.Parse("10.0.0.0/8")], out string reason);

        Assert.True(s is not null, reason);
    }

    [Theory]
    [InlineData("bad token!")]
    [InlineData("")]
    public void ATokenThatCannotBeASubject_IsRefused(string token)
    {
        Assert.Null(PlanCheck.Check(PlanOf("""{"name": "x", "targets": ["127.0.0.1:9000"]}""", token), PlanCheck.DefaultAllowed, out string reason));
        Assert.StartsWith("token:", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ASweep_IsRefused_TheCoordinatorExpandsThem()
    {
        Assert.Null(PlanCheck.Check(PlanOf("""{"name": "x", "targets": ["127.0.0.1:9000"], "lab": {}, "sweep": {"port_range": ["40000 40099"]}}"""),
            PlanCheck.DefaultAllowed, out string reason));
        Assert.NotEmpty(reason);
    }

    [Fact]
    public void NoPlan_IsRefusedSayingSo()
    {
        Assert.Null(PlanCheck.Check(null, PlanCheck.DefaultAllowed, out string reason));
        Assert.StartsWith("not a plan", reason, StringComparison.Ordinal);
    }
}
