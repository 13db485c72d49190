using ConnStorm.Engine;
using ConnStorm.Scenarios;
using static ConnStorm.Tests.TestSupport.ScenarioText;

namespace ConnStorm.Tests.Scenarios;

/// <summary>load.mode, load.duration, load.ping_interval, client.close, client.verify, client.payload_bytes, sweep.tw_reuse.</summary>
public class ChurnKeysTests
{
    private const string EchoSink = """
        name: churn
        sink:
          listen: ["127.0.0.1:9000"]
          mode: echo
        targets: ["127.0.0.1:9000"]
        """;

    private const string HoldSink = """
        name: churn
        sink:
          listen: ["127.0.0.1:9000"]
        targets: ["127.0.0.1:9000"]
        """;

    [Fact]
    public void Parse_WithoutTheNewKeys_HoldsWithClientFinNoVerifyAndNoPing()
    {
        var s = Parse(Minimal);

        Assert.Equal(LoadMode.Hold, s.Load.Mode);
        Assert.Null(s.Load.Duration);
        Assert.Equal(TimeSpan.Zero, s.Load.PingInterval);
        Assert.Equal(CloseMode.ClientFin, s.Client.Close);
        Assert.Equal(VerifyMode.None, s.Client.Verify);
        Assert.Equal(64, s.Client.PayloadBytes);
        Assert.Equal(StopKind.FirstFailure, s.Load.StopOn.Kind);
    }

    [Fact]
    public void Parse_ChurnWithDuration_ReadsItAndStopsOnNothingByDefault()
    {
        var s = Parse(HoldSink + "\nclient:\n  close: client-rst\nload:\n  mode: churn\n  duration: 20s\n");

        Assert.Equal(LoadMode.Churn, s.Load.Mode);
        Assert.Equal(TimeSpan.FromSeconds(20), s.Load.Duration);
        Assert.Equal(StopKind.Never, s.Load.StopOn.Kind);
        Assert.True(s.Client.ClosesWithRst);
    }

    [Fact]
    public void Parse_ChurnWithExplicitStopOn_KeepsIt()
    {
        var s = Parse(Minimal + "\nload:\n  mode: churn\n  duration: 5s\n  stop_on: first_failure\n");

        Assert.Equal(StopKind.FirstFailure, s.Load.StopOn.Kind);
    }

    [Fact]
    public void Parse_ChurnWithoutDuration_ReportsTheModeAndAsksForADuration()
    {
        var e = Fails(Minimal + "\nload:\n  mode: churn\n");

        AssertAt(e, 4, 9, "load.mode");
        Assert.Contains("load.duration", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DurationWithHold_ReportsThatItOnlyAppliesToChurn()
    {
        AssertAt(Fails(Minimal + "\nload:\n  duration: 5s\n"), 4, 13, "load.duration");
    }

    [Theory]
    [InlineData("load:\n  mode: storm", "load.mode", "hold or churn")]
    [InlineData("client:\n  close: fin", "client.close", "client-fin, client-rst or server-first")]
    [InlineData("client:\n  verify: yes", "client.verify", "none or echo")]
    public void Parse_WithAnUnknownValue_NamesTheKeyAndTheValuesAllowed(string tail, string key, string allowed)
    {
        var e = Fails(Minimal + "\n" + tail + "\n");

        Assert.Equal(key, e.Key);
        Assert.Equal(4, e.Line);
        Assert.Contains(allowed, e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_VerifyEchoWithAHoldSink_SaysTheSinkMustEcho()
    {
        var e = Fails(HoldSink + "\nclient:\n  verify: echo\n");

        AssertAt(e, 6, 11, "client.verify");
        Assert.Contains("sink must echo", e.Problem.Replace("the sink to echo", "sink must echo", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("sink.mode: echo", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_VerifyEchoWithAnEchoSink_ReadsThePayloadSize()
    {
        var s = Parse(EchoSink + "\nclient:\n  verify: echo\n  payload_bytes: 512\n");

        Assert.Equal(VerifyMode.Echo, s.Client.Verify);
        Assert.Equal(512, s.Client.PayloadBytes);
        Assert.Equal(512, WorkerPlan.For(s).VerifyBytes);
    }

    [Fact]
    public void Parse_PayloadBytesAboveOneSendBuffer_IsRefused()
    {
        Assert.Equal("client.payload_bytes", Fails(EchoSink + "\nclient:\n  verify: echo\n  payload_bytes: 100000\n").Key);
    }

    [Fact]
    public void Parse_PingWithoutAnEchoSink_SaysTheSinkMustEcho()
    {
        var e = Fails(HoldSink + "\nload:\n  hold: 10s\n  ping_interval: 1s\n");

        AssertAt(e, 7, 18, "load.ping_interval");
        Assert.Contains("sink must echo", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PingWithoutHold_AsksForAHold()
    {
        Assert.Contains("load.hold", Fails(EchoSink + "\nload:\n  ping_interval: 1s\n").Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PingInChurn_IsRefused()
    {
        Assert.Equal("load.ping_interval", Fails(EchoSink + "\nload:\n  mode: churn\n  duration: 5s\n  ping_interval: 1s\n").Key);
    }

    [Fact]
    public void Parse_PingWithAnEchoSinkAndAHold_ReadsTheInterval()
    {
        var s = Parse(EchoSink + "\nload:\n  hold: 10s\n  ping_interval: 500ms\n");

        Assert.Equal(TimeSpan.FromMilliseconds(500), s.Load.PingInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(500), WorkerPlan.For(s).PingInterval);
    }

    [Fact]
    public void Parse_ServerFirstWithANoAcceptSink_SaysTheSinkMustAccept()
    {
        var e = Fails("""
            name: x
            sink:
              listen: ["127.0.0.1:9000"]
              mode: no-accept
            targets: ["127.0.0.1:9000"]
            client:
              close: server-first
            load:
              mode: churn
              duration: 5s
            """);

        AssertAt(e, 7, 10, "client.close");
        Assert.Contains("no-accept", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ServerFirstWithoutASink_IsRefused()
    {
        var e = Fails(Minimal + "\nclient:\n  close: server-first\nload:\n  mode: churn\n  duration: 5s\n");

        Assert.Equal("client.close", e.Key);
        Assert.Contains("embedded sink", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ServerFirstInAHold_IsRefused()
    {
        var e = Fails(HoldSink + "\nclient:\n  close: server-first\n");

        AssertAt(e, 6, 10, "client.close");
        Assert.Contains("churn", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ServerFirstWithLingerRst_IsAContradiction()
    {
        var e = Fails(HoldSink + "\nclient:\n  linger_rst: true\n  close: server-first\nload:\n  mode: churn\n  duration: 5s\n");

        Assert.Equal("client.close", e.Key);
        Assert.Contains("linger_rst", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AVariantWithServerFirstAndANoAcceptSink_IsReportedOnTheVariant()
    {
        var e = Fails("""
            name: x
            lab: {}
            sink:
              listen: ["127.0.0.1:9000"]
              mode: no-accept
            targets: ["127.0.0.1:9000"]
            load:
              mode: churn
              duration: 5s
            sweep:
              variants:
                fin: { close: client-fin }
                server: { close: server-first }
            """);

        Assert.Equal("sweep.variants.server.close", e.Key);
    }

    [Fact]
    public void Parse_SweepTwReuse_ReadsEachValue()
    {
        var s = Parse(HoldSink + "\nlab: {}\nsweep:\n  tw_reuse: [0, 1, 2]\n");

        Assert.Equal([0, 1, 2], s.Sweep!.TwReuse);
    }

    [Fact]
    public void Parse_SweepTwReuseOutOfRange_ReportsTheValue()
    {
        var e = Fails(HoldSink + "\nlab: {}\nsweep:\n  tw_reuse: [0, 3]\n");

        Assert.Equal("sweep.tw_reuse", e.Key);
        Assert.Equal(7, e.Line);
    }
}
