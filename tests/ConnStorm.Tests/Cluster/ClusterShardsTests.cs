using System.Net;
using ConnStorm.Cluster;
using ConnStorm.Scenarios;
using ConnStorm.Tests.TestSupport;

namespace ConnStorm.Tests.Cluster;

public sealed class ClusterShardsTests
{
    private static Scenario Base => ScenarioText.Parse("""
        name: s
        sink: { listen: ["127.0.0.1:9000"] }
        targets: ["127.0.0.1:9000"]
        load: { connections: 1001, rate: 300 }
        """);

    [Fact]
    public void Attempts_AreSplitWithTheRemainderToTheFirstAgent_AndTheRateSplitEvenly()
    {
        var shards = Enumerable.Range(0, 3).Select(i => ClusterShards.For(Base, i, 3, null)).ToList();

        Assert.Equal([335, 333, 333], shards.Select(s => s.Load.Connections));
        Assert.All(shards, s => Assert.Equal(100, s.Load.Rate));
    }

    [Fact]
    public void AHostsClusterEntry_GivesItsSourceIpsWithBindBeforeConnect_AndItsTargets()
    {
        var host = new ClusterHostSpec("a1", [IPAddress.Parse("127.0.0.2")], [IPEndPoint.Parse("127.0.0.3:9000")]);

        var shard = ClusterShards.For(Base, 0, 2, host);

        Assert.True(shard.Client.BindBeforeConnect);
        Assert.Equal([IPAddress.Parse("127.0.0.2")], shard.Client.SourceIps);
        Assert.Equal([IPEndPoint.Parse("127.0.0.3:9000")], shard.Targets);
        Assert.True(shard.Sink!.ReusePort);
    }

    [Fact]
    public void AShard_AsJson_PassesThePlanCheck()
    {
        var shard = ClusterShards.For(Base, 1, 2, null);
        var plan = new Plan("1-abc", 1, ".", ClusterShards.ToJson(shard));

        var checkedScenario = PlanCheck.Check(plan, PlanCheck.DefaultAllowed, out string reason);

        Assert.True(checkedScenario is not null, reason);
        Assert.Equal(500, checkedScenario.Load.Connections);
    }

    private static readonly ClusterHostSpec SinkHost =
        new("t", [], [], ClusterRole.Sink, [IPEndPoint.Parse("127.0.0.5:9001")]);

    [Fact]
    public void WithSinkAgents_TheLoadShardsHaveNoSink()
    {
        Assert.Null(ClusterShards.For(Base, 0, 3, null, sinkAgents: true).Sink);
    }

    [Fact]
    public void ASinkPlan_ServesTheHostsListenWithTheScenariosSinkOptions_SizedForTheWholeRun()
    {
        var shard = ClusterShards.ForSink(Base with { Sink = Base.Sink! with { Mode = SinkMode.NoAccept, Backlog = 4096 } }, SinkHost);

        Assert.Equal([IPEndPoint.Parse("127.0.0.5:9001")], shard.Sink!.Listen);
        Assert.Equal((SinkMode.NoAccept, 4096), (shard.Sink.Mode, shard.Sink.Backlog));
        // The most it may hold: the process budget splits an accepting sink over SO_REUSEPORT processes by it.
        Assert.Equal(1001, shard.Load.Connections);
        Assert.Null(shard.Lab);
    }

    [Fact]
    public void ASinkPlan_WithoutASinkSection_HoldsWithTheDefaults_AndPassesThePlanCheck()
    {
        var noSink = Base with { Sink = null };
        var plan = new Plan("1-abc", 1, ".", ClusterShards.ToJson(ClusterShards.ForSink(noSink, SinkHost)), PlanRoles.Sink);

        var checkedScenario = PlanCheck.Check(plan, PlanCheck.DefaultAllowed, out string reason);

        Assert.True(checkedScenario is not null, reason);
        Assert.Equal(SinkMode.Hold, checkedScenario.Sink!.Mode);
        Assert.Equal([IPEndPoint.Parse("127.0.0.5:9001")], checkedScenario.Sink.Listen);
    }
}
