using System.CommandLine;
using System.Runtime.Versioning;
using ConnStorm.Cli;
using ConnStorm.Tests.TestSupport;

namespace ConnStorm.Tests.Cli;

/// <summary>Options are checked as strictly as scenario keys: out of range is exit 2 with one line naming the option.</summary>
[SupportedOSPlatform("linux")]
public sealed class OptionRulesTests
{
    private static RootCommand Root() =>
    [
        RunCommand.Create(), SinkCommand.Create(), PlotCommand.Create(), ProbeCommand.Create(), ProbeCommand.CreateProbeRun(),
        CompareCommand.Create(), KernelsCommand.Create(), BenchCommand.Create(), WorkerCommand.Create(),
    ];

    [Theory]
    [InlineData("bench --connections -5", "--connections must be at least 1, not -5")]
    [InlineData("bench --rounds 0", "--rounds must be at least 1, not 0")]
    [InlineData("bench --window 0", "--window must be at least 1, not 0")]
    [InlineData("bench --large -1", "--large must be at least 0, not -1")]
    [InlineData("bench --at-scale -1", "--at-scale must be at least 0, not -1")]
    [InlineData("run s.yaml --workers 0", "--workers must be between 1 and 1024, not 0")]
    [InlineData("run s.yaml --workers 1025", "--workers must be between 1 and 1024, not 1025")]
    [InlineData("run s.yaml --fds-per-process 100", "--fds-per-process must be at least 256, not 100")]
    [InlineData("sink --listen 127.0.0.1:9000 --backlog 0", "--backlog must be at least 1, not 0")]
    [InlineData("sink --listen 127.0.0.1:9000 --mode drop", "--mode 'drop' is not one of hold, echo, no-accept, close")]
    [InlineData("sink --listen 127.0.0.1:9000 --close-after -1", "--close-after must be at least 0, not -1")]
    [InlineData("sink --listen 127.0.0.1:9000 --max-fds 0", "--max-fds must be at least 1, not 0")]
    [InlineData("probe --probe-timeout 0", "--probe-timeout must be at least 1, not 0")]
    [InlineData("probe --kernel k --vm-timeout 10", "--vm-timeout must be at least 30, not 10")]
    [InlineData("kernels fetch six", "versions: 'six' is not a kernel version such as 6.1 or 6.12")]
    public void A_value_out_of_range_is_a_parse_error_naming_the_option(string args, string message)
    {
        var parse = Root().Parse(args);

        var error = Assert.Single(parse.Errors);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bench --connections 1 --rounds 1 --window 1 --at-scale 0 --large 0")]
    [InlineData("run s.yaml --workers 1024 --fds-per-process 256")]
    [InlineData("sink --listen 127.0.0.1:9000 --backlog 1 --mode close --close-after 0")]
    [InlineData("probe --kernel k --vm-timeout 30 --probe-timeout 1")]
    [InlineData("kernels fetch 6.1 6.12")]
    public void Values_at_the_edge_of_their_range_are_accepted(string args)
    {
        Assert.Empty(Root().Parse(args).Errors);
    }

    [Theory]
    [InlineData("bench")]
    [InlineData("run s.yaml")]
    [InlineData("sink --listen 127.0.0.1:9000")]
    [InlineData("probe")]
    public void Defaults_pass_their_own_rules(string args)
    {
        Assert.Empty(Root().Parse(args).Errors);
    }

    [Fact]
    public void Every_visible_option_of_every_command_states_its_default_once_or_is_required()
    {
        foreach (var command in All(Root()))
        {
            foreach (var option in command.Options.Where(o => !o.Hidden && o.Name is not ("--help" or "--version")))
            {
                var description = option.Description ?? "";
                // The help prints "[default: X]" itself for an option with a default value; the
                // others (flags, "the hard limit as found") say it in words.
                Assert.True(option.Required || option.HasDefaultValue || description.Contains("Default", StringComparison.Ordinal),
                    $"{command.Name} {option.Name}: the help does not state its default");
            }
        }
    }

    [LinuxFact]
    public void Bench_with_negative_connections_exits_2_with_one_line_and_runs_nothing()
    {
        var result = ConnStormCli.Run(TimeSpan.FromSeconds(30), "bench", "--connections", "-5");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("connstorm: --connections must be at least 1, not -5 (see `connstorm bench --help`)", result.Stderr.Trim());
        Assert.Equal("", result.Stdout);
    }

    [LinuxFact]
    public void A_subcommand_error_points_at_the_subcommands_own_help()
    {
        var result = ConnStormCli.Run(TimeSpan.FromSeconds(30), "kernels", "fetch", "six");

        Assert.Equal(2, result.ExitCode);
        Assert.EndsWith("(see `connstorm kernels fetch --help`)", result.Stderr.Trim(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("sink")]
    [InlineData("plot")]
    [InlineData("probe")]
    [InlineData("compare")]
    [InlineData("bench")]
    [InlineData("kernels fetch")]
    public void The_help_of_a_command_states_each_default_once(string command)
    {
        var help = new StringWriter();
        Root().Parse($"{command} --help").Invoke(new InvocationConfiguration { Output = help });

        var lines = help.ToString().Split('\n');
        Assert.Contains("Options:", lines);
        Assert.DoesNotContain(lines, l => l.Contains("Default:", StringComparison.Ordinal) && l.Contains("[default:", StringComparison.Ordinal));
    }

    private static IEnumerable<Command> All(Command command) => command.Subcommands.SelectMany(All).Prepend(command);
}
