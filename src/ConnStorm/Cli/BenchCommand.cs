using System.CommandLine;
using System.Runtime.Versioning;

namespace ConnStorm.Cli;

/// <summary><c>connstorm bench</c>: speed and memory figures, as ratios to the C yardstick.</summary>
[SupportedOSPlatform("linux")]
internal static class BenchCommand
{
    private static readonly Option<int> ConnectionsOption = new Option<int>("--connections")
    {
        Description = "Connections to open and hold in each of the first rounds (ConnStorm against one rawconnect process), at least 1.",
        DefaultValueFactory = _ => 19000,
    }.AtLeast(1);

    private static readonly Option<int> RoundsOption = new Option<int>("--rounds")
    {
        Description = "Alternating rounds of ConnStorm and the yardstick, at least 1; medians are reported.",
        DefaultValueFactory = _ => 3,
    }.AtLeast(1);

    private static readonly Option<int> WindowOption = new Option<int>("--window")
    {
        Description = "Connects in flight at most, for both connectors (shared among their processes); at least 1.",
        DefaultValueFactory = _ => 2000,
    }.AtLeast(1);

    private static readonly Option<int> AtScaleOption = new Option<int>("--at-scale")
    {
        Description = "Connections of the rounds at scale, after the first rounds: ConnStorm with its default workers against as many rawconnect processes at once; 0 skips them.",
        DefaultValueFactory = _ => 100_000,
    }.AtLeast(0);

    private static readonly Option<int> LargeOption = new Option<int>("--large")
    {
        Description = "Connections of the large run split over worker processes, after the rounds (needs about 10 GB of memory at 2,000,000, mostly the kernel's); 0 skips it.",
        DefaultValueFactory = _ => 2_000_000,
    }.AtLeast(0);

    private static readonly Option<string?> YardstickOption = new("--rawconnect")
    {
        Description = "Path of the C yardstick rawconnect. Default: ../shared/bench/bin/rawconnect when built.",
    };

    public static Command Create()
    {
        var command = new Command("bench", "Benchmark: open connections in a lab with ConnStorm and with the C yardstick; print rates, their ratio and memory per connection.")
        {
            ConnectionsOption, RoundsOption, WindowOption, AtScaleOption, LargeOption, YardstickOption,
        };
        command.SetAction(parse => HandlerGuard.Run("connstorm bench", () => new BenchHandler(
            parse.GetValue(ConnectionsOption),
            parse.GetValue(RoundsOption),
            parse.GetValue(WindowOption),
            parse.GetValue(AtScaleOption),
            parse.GetValue(LargeOption),
            parse.GetValue(YardstickOption)).Run(Console.Out, Console.Error)));
        return command;
    }
}
