using System.Net;
using ConnStorm.Results;
using ConnStorm.Scenarios;
using static ConnStorm.Tests.TestSupport.Samples;

namespace ConnStorm.Tests.Results;

public sealed class RunRowBuilderTests
{
    private static RecordedRun Nothing() => new(new RunStats(), null);

    [Fact]
    public void A_bound_client_with_source_ports_shows_its_options_and_the_rules_prediction()
    {
        var client = new ClientSpec { BindBeforeConnect = true, ReuseAddr = true, SourcePorts = new PortRange(5000, 5004), SourceIps = [IPAddress.Loopback] };

        var row = RunRowBuilder.Build(Info() with { Targets = 2 }, Nothing(), client);

        Assert.True(row.BindBeforeConnect);
        Assert.True(row.ReuseAddr);
        Assert.False(row.BindAddressNoPort);
        Assert.Equal(5, row.SourcePorts);
        // SO_REUSEADDR shares each of the 5 explicit ports across the 2 destinations.
        Assert.Equal(10, row.PredictedLimit);
    }

    [Fact]
    public void A_run_whose_port_range_was_never_read_has_no_prediction()
    {
        var row = RunRowBuilder.Build(Info() with { PortRange = null }, Nothing(), new ClientSpec());

        Assert.Null(row.PredictedLimit);
        Assert.Null(row.PortRangeSize);
    }

    [Fact]
    public void A_client_with_its_own_local_port_range_has_no_prediction()
    {
        var row = RunRowBuilder.Build(Info(), Nothing(), new ClientSpec { LocalPortRange = new PortRange(41000, 41999) });

        Assert.Null(row.PredictedLimit);
    }

    [Fact]
    public void The_runner_facts_reach_the_row()
    {
        var info = Info() with { RunDir = "runs/003", WorkersLost = 1, TwReuse = 2 };

        var row = RunRowBuilder.Build(info, Nothing(), new ClientSpec());

        Assert.Equal(("runs/003", 1, 2), (row.RunDir, row.WorkersLost, row.TwReuse));
        Assert.Equal((1, "default", 1024L, 1), (row.Run, row.Variant, row.RlimitNofile, row.Workers));
    }

    [Fact]
    public void A_hold_leaves_the_churn_and_proxy_columns_empty()
    {
        var row = RunRowBuilder.Build(Info(), Nothing(), new ClientSpec());

        Assert.Null(row.Close);
        Assert.Null(row.ChurnRatePerS);
        Assert.Null(row.ChurnRulePerS);
        Assert.Null(row.ProxyBackends);
        Assert.Null(row.ProxySource);
    }

    [Fact]
    public void A_churn_shows_its_close_mode_its_rate_and_the_time_wait_rule_for_the_range()
    {
        var row = RunRowBuilder.Build(Info(), Nothing(), new ClientSpec { Close = CloseMode.ServerFirst }, new ChurnFigures(123.456));

        Assert.Equal("server-first", row.Close);
        Assert.Equal(123.46, row.ChurnRatePerS);
        // 10 ports / 60 s.
        Assert.Equal(0.17, row.ChurnRulePerS);
    }

    [Fact]
    public void A_churn_with_linger_rst_closes_with_rst_whatever_its_close_mode()
    {
        var row = RunRowBuilder.Build(Info(), Nothing(), new ClientSpec { LingerRst = true }, new ChurnFigures(1));

        Assert.Equal("client-rst", row.Close);
    }

    [Fact]
    public void A_proxied_run_copies_the_proxy_figures()
    {
        var row = RunRowBuilder.Build(Info(), Nothing(), new ClientSpec(), proxy: new ProxyFigures(3, "10.0.0.1-10.0.0.2", 7, 1200));

        Assert.Equal((3, "10.0.0.1-10.0.0.2", 7L, 1200L), (row.ProxyBackends, row.ProxySource, row.ProxyConnErrors, row.ProxyMaxCurrent));
    }

    [Fact]
    public void ConnStorms_memory_per_connection_is_the_pss_sum_over_the_connections_held_at_once()
    {
        using var dir = new TempDir();
        using var recorder = Recorder(dir);
        for (int i = 0; i < 3; i++)
        {
            recorder.Established(Conn(i, i));
        }

        var row = Row(recorder, Info() with { ConnStormPssKb = 6, ConnStormProcesses = 3, ConnStormParentPssKb = 4 });

        Assert.Equal(3, row.MaxEstablished);
        Assert.Equal((6L, 3, 4L), (row.ConnStormPssKb, row.ConnStormProcesses, row.ConnStormParentPssKb));
        Assert.Equal(6 * 1024 / 3, row.ConnStormBytesPerConn);
    }

    [Fact]
    public void Without_a_connection_held_or_a_memory_reading_there_is_no_figure_per_connection()
    {
        Assert.Null(RunRowBuilder.Build(Info() with { ConnStormPssKb = 6, ConnStormProcesses = 3 }, Nothing(), new ClientSpec()).ConnStormBytesPerConn);
        Assert.Null(RunRowBuilder.Build(Info(), Nothing(), new ClientSpec()).ConnStormPssKb);
    }
}
