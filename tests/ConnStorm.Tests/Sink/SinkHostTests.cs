using System.Net;
using ConnStorm.Scenarios;
using ConnStorm.Sink;

namespace ConnStorm.Tests.Sink;

/// <summary>The small worker binary parses the sink arguments a run gives it without System.CommandLine.</summary>
public sealed class SinkHostTests
{
    [Fact]
    public void The_arguments_a_run_gives_its_sinks_parse_into_the_same_options()
    {
        string[] args = ["--exit-on-stdin-eof", "--backlog", "4096", "--mode", "close", "--close-after", "64",
            "--listen", "127.0.0.1:9000-9001", "--listen", "[::1]:9000", "--reuseport", "--max-fds", "300"];

        Assert.True(SinkHost.TryParse(args, out var options, out bool exitOnEof, out string error), error);

        Assert.True(exitOnEof);
        Assert.Equal([new IPEndPoint(IPAddress.Loopback, 9000), new IPEndPoint(IPAddress.Loopback, 9001), new IPEndPoint(IPAddress.IPv6Loopback, 9000)], options.Listen);
        Assert.Equal((4096, SinkMode.Close, true, (ulong?)300, 64), (options.Backlog, options.Mode, options.ReusePort, options.MaxDescriptors, options.CloseAfterBytes));
    }

    [Fact]
    public void Defaults_are_those_of_connstorm_sink()
    {
        Assert.True(SinkHost.TryParse(["--listen", "127.0.0.1:9000"], out var options, out bool exitOnEof, out _));

        Assert.False(exitOnEof);
        Assert.Equal((SinkOptions.DefaultBacklog, SinkMode.Hold, false, (ulong?)null, 0), (options.Backlog, options.Mode, options.ReusePort, options.MaxDescriptors, options.CloseAfterBytes));
    }

    [Theory]
    [InlineData("--listen", "127.0.0.1:9000", "--colour", "red", "--colour")]
    [InlineData("--listen", "127.0.0.1:9000", "--backlog", "many", "--backlog")]
    [InlineData("--listen", "127.0.0.1:9000", "--max-fds", "0", "--max-fds")]
    [InlineData("--listen", "127.0.0.1:9000", "--mode", "drop", "--mode")]
    [InlineData("--listen", "nonsense", "--backlog", "1", "--listen")]
    public void A_bad_argument_is_refused_with_a_message_naming_it(string a, string b, string c, string d, string named)
    {
        Assert.False(SinkHost.TryParse([a, b, c, d], out _, out _, out string error));
        Assert.StartsWith(named, error);
    }

    [Fact]
    public void An_option_without_its_value_is_refused()
    {
        Assert.False(SinkHost.TryParse(["--listen"], out _, out _, out string error));
        Assert.Equal("--listen needs a value", error);
    }
}
