using ConnStorm.Cli;
using System.Net;
using System.Runtime.Versioning;
using ConnStorm.Scenarios;
using ConnStorm.Sink;
using ConnStorm.Tests.TestSupport;

namespace ConnStorm.Tests.Sink;

[SupportedOSPlatform("linux")]
public sealed class SinkCommandTests
{
    [Fact]
    public void The_command_is_named_sink_and_every_visible_option_states_its_default()
    {
        var command = SinkCommand.Create();
        Assert.Equal("sink", command.Name);
        var names = command.Options.Select(o => o.Name).ToList();
        Assert.Contains("--listen", names);
        Assert.Contains("--backlog", names);
        Assert.Contains("--mode", names);
        Assert.Contains("--reuseport", names);
        Assert.Contains(command.Options, o => o.Name == "--exit-on-stdin-eof" && o.Hidden);
        foreach (var option in command.Options.Where(o => o.Name is "--listen" or "--backlog" or "--mode" or "--reuseport"))
        {
            // Either the help prints System.CommandLine's "[default: …]" or the description says it.
            Assert.True(option.HasDefaultValue && option.ValueType != typeof(bool) || (option.Description ?? "").Contains("default", StringComparison.OrdinalIgnoreCase),
                $"{option.Name} does not state its default");
        }
    }

    [Fact]
    public void Listen_patterns_expand_to_one_endpoint_each_and_defaults_apply()
    {
        Assert.True(SinkHandler.TryBuildOptions(["127.0.0.1:9000-9002", "[::1]:9000"], 65535, "hold", false, out var options, out _));
        Assert.Equal(4, options.Listen.Count);
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Loopback, 9000), options.Listen[3]);
        Assert.Equal(SinkMode.Hold, options.Mode);
        Assert.Equal(65535, options.Backlog);
    }

    [Theory]
    [InlineData("hold", SinkMode.Hold)]
    [InlineData("echo", SinkMode.Echo)]
    [InlineData("no-accept", SinkMode.NoAccept)]
    public void Each_mode_is_spelled_as_on_the_command_line(string text, SinkMode mode)
    {
        Assert.True(SinkOptions.TryParseMode(text, out var parsed));
        Assert.Equal(mode, parsed);
        Assert.Equal(text, SinkOptions.ModeName(mode));
    }

    [Theory]
    [InlineData("nonsense", 65535, "hold", "--listen")]
    [InlineData("127.0.0.1:0", 65535, "hold", "--listen")]
    [InlineData("127.0.0.1:9000", 0, "hold", "--backlog")]
    [InlineData("127.0.0.1:9000", 65535, "drop", "--mode")]
    public void Bad_values_are_refused_with_a_message_naming_the_option(string listen, int backlog, string mode, string option)
    {
        Assert.False(SinkHandler.TryBuildOptions([listen], backlog, mode, false, out _, out string error));
        Assert.StartsWith(option, error);
    }

    [Fact]
    public void A_bad_listen_pattern_exits_with_code_2()
    {
        var error = Console.Error;
        try
        {
            Console.SetError(TextWriter.Null);
            Assert.Equal(2, SinkCommand.Create().Parse(["--listen", "not-an-endpoint"]).Invoke());
        }
        finally
        {
            Console.SetError(error);
        }
    }

    [LinuxFact]
    public void The_sink_prints_one_listening_line_and_a_summary_when_stdin_reaches_eof()
    {
        var options = new SinkOptions { Listen = [new IPEndPoint(IPAddress.Loopback, 0), new IPEndPoint(IPAddress.Loopback, 0)], Mode = SinkMode.Echo };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        // An empty stdin is at EOF at once, as when the parent that started the sink has died.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        int code = SinkHost.Serve(options, stdout, stderr, new MemoryStream(), stop);

        Assert.Equal(0, code);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"stopped after {watch.Elapsed}: the EOF went unnoticed");
        string[] lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            ["connstorm sink: listening on 2 sockets (mode echo, backlog 65535)", "connstorm sink: accepted=0 open=0 closed=0 echoed_bytes=0 fd_pauses=0"],
            lines);
        Assert.Equal("", stderr.ToString());
    }

    [LinuxFact]
    public void A_port_in_use_exits_with_code_3_and_names_the_address_and_the_errno()
    {
        using var first = RunningSink.Start(SinkMode.Hold);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        int code = SinkHost.Serve(new SinkOptions { Listen = [first.EndPoint] }, stdout, stderr, null, stop);
        Assert.Equal(3, code);
        Assert.Contains("EADDRINUSE", stderr.ToString());
        Assert.Contains(ConnStorm.Sockets.SockAddr.Format(first.EndPoint.Address, first.EndPoint.Port), stderr.ToString());
        Assert.Equal("", stdout.ToString());
    }
}
