using System.Collections;
using System.Net;
using System.Reflection;
using ConnStorm.Engine;
using ConnStorm.Scenarios;
using static ConnStorm.Tests.TestSupport.ScenarioText;

namespace ConnStorm.Tests.Engine;

public sealed class WorkerPlanTests
{
    /// <summary>Every property away from its default, so a field that does not survive JSON shows.</summary>
    private static readonly WorkerPlan Full = new()
    {
        WorkerIndex = 2,
        WorkerCount = 3,
        Connections = 12_345,
        Targets = [IPEndPoint.Parse("127.0.0.1:9000"), IPEndPoint.Parse("[::1]:9001"), IPEndPoint.Parse("[fe80::1%2]:9002")],
        SourceIps = [IPAddress.Parse("10.0.0.1"), IPAddress.Parse("fd00::2")],
        SourcePorts = new PortRange(5000, 5009),
        BindBeforeConnect = true,
        ReuseAddr = true,
        BindAddressNoPort = true,
        LocalPortRange = new PortRange(41000, 41999),
        LingerRst = true,
        ConnectTimeout = TimeSpan.FromMilliseconds(1500.5),
        Rate = 33.25,
        Concurrency = 77,
        Hold = TimeSpan.FromSeconds(12),
        StopOn = new StopOn(StopKind.Failures, 3),
        TimeLimit = TimeSpan.FromMinutes(2),
        FdLimit = 4096,
        ReportConnections = false,
        Churn = TimeSpan.FromSeconds(7),
        Close = CloseMode.ServerFirst,
        VerifyBytes = 512,
        PingInterval = TimeSpan.FromMilliseconds(250),
        SampleEvery = TimeSpan.FromMilliseconds(100),
        WaitsForTurn = true,
    };

    private static IEnumerable<PropertyInfo> Fields() =>
        typeof(WorkerPlan).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite);

    private static bool Same(object? a, object? b) => a is IEnumerable x && b is IEnumerable y && a is not string
        ? x.Cast<object>().SequenceEqual(y.Cast<object>())
        : Equals(a, b);

    [Fact]
    public void The_round_trip_sample_sets_every_field_away_from_its_default()
    {
        var defaults = new WorkerPlan { Targets = [] };

        var unset = Fields().Where(p => Same(p.GetValue(Full), p.GetValue(defaults))).Select(p => p.Name);

        Assert.Empty(unset);
    }

    [Fact]
    public void Every_field_of_a_plan_survives_its_json_line()
    {
        string line = Full.ToJson();
        var back = WorkerPlan.FromJson(line);

        Assert.DoesNotContain('\n', line);
        foreach (var p in Fields())
        {
            Assert.True(Same(p.GetValue(Full), p.GetValue(back)), $"{p.Name}: {p.GetValue(Full)} became {p.GetValue(back)}");
        }
    }

    [Fact]
    public void A_plan_line_names_its_enums_and_writes_endpoints_as_text()
    {
        string line = Full.ToJson();

        Assert.Contains("\"ServerFirst\"", line, StringComparison.Ordinal);
        Assert.Contains("\"Failures\"", line, StringComparison.Ordinal);
        Assert.Contains("\"[::1]:9001\"", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plan_with_a_malformed_target_is_refused_as_bad_json()
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => WorkerPlan.FromJson("{\"Targets\":[\"nowhere\"]}"));
    }

    [Fact]
    public void A_plan_for_a_scenario_carries_its_stop_rule_and_targets_as_typed_values()
    {
        var s = Parse("name: t\ntargets: [\"127.0.0.1:9000-9001\"]\nload:\n  stop_on: \"failures:4\"\n");

        var plan = WorkerPlan.For(s);

        Assert.Equal(new StopOn(StopKind.Failures, 4), plan.StopOn);
        Assert.Equal([IPEndPoint.Parse("127.0.0.1:9000"), IPEndPoint.Parse("127.0.0.1:9001")], plan.Targets);
    }

    [Fact]
    public void Workers_past_those_connecting_at_once_wait_for_their_turn_and_the_concurrency_is_shared_among_those_connecting()
    {
        var s = Parse(Minimal + "\nload:\n  connections: 100000\n  concurrency: 1000\n");

        var plans = Enumerable.Range(0, 6).Select(w => WorkerPlan.For(s, w, 6, atOnce: 2)).ToList();

        Assert.Equal([false, false, true, true, true, true], plans.Select(p => p.WaitsForTurn));
        Assert.All(plans, p => Assert.Equal(500, p.Concurrency));
        Assert.All(Enumerable.Range(0, 6).Select(w => WorkerPlan.For(s, w, 6)), p => Assert.False(p.WaitsForTurn));
    }

    private const string HoldSink = """
        name: churn
        sink:
          listen: ["127.0.0.1:9000"]
        targets: ["127.0.0.1:9000"]
        """;

    [Fact]
    public void A_churn_with_a_rate_bounds_its_attempts_by_rate_times_duration()
    {
        var s = Parse(HoldSink + "\nload:\n  mode: churn\n  duration: 10s\n  rate: 50\n");

        var plan = WorkerPlan.For(s);

        Assert.Equal(500, plan.Connections);
        Assert.Equal(TimeSpan.FromSeconds(10), plan.Churn);
    }

    [Fact]
    public void A_churn_longer_than_its_time_limit_is_cut_to_the_limit()
    {
        var s = Parse(HoldSink + "\nload:\n  mode: churn\n  duration: 60s\n  time_limit: 5s\n");

        Assert.Equal(TimeSpan.FromSeconds(5), WorkerPlan.For(s).Churn);
        Assert.Equal(WorkerPlan.UnboundedChurnAttempts, WorkerPlan.For(s).Connections);
    }

    [Fact]
    public void Only_the_first_worker_samples_time_wait()
    {
        var s = Parse(Minimal);

        Assert.Equal(TimeSpan.FromMilliseconds(100), WorkerPlan.For(s, 0, 2).SampleEvery);
        Assert.Equal(TimeSpan.Zero, WorkerPlan.For(s, 1, 2).SampleEvery);
    }

    [Theory]
    [InlineData(10, 0, 1, 10)]
    [InlineData(10, 0, 3, 4)]
    [InlineData(10, 1, 3, 3)]
    [InlineData(10, 2, 3, 3)]
    [InlineData(2, 2, 3, 0)]
    public void Workers_split_the_attempts_by_sequence_residue(long connections, int worker, int workers, long expected)
    {
        var plan = new WorkerPlan { Targets = [IPEndPoint.Parse("127.0.0.1:1")], Connections = connections, WorkerIndex = worker, WorkerCount = workers };
        Assert.Equal(expected, plan.AttemptsForThisWorker);
        Assert.Equal(expected, Enumerable.Range(0, (int)connections).Count(s => s % workers == worker));
    }
}
