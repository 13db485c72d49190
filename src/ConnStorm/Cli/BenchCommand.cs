using System.CommandLine;
using System.Runtime.Versioning;
using ConnStorm.Benchmarks;
using ConnStorm.Lab;
using ConnStorm.Errors;

namespace ConnStorm.Cli;

/// <summary><c>connstorm bench</c>: speed and memory figures, as ratios to the C yardstick.</summary>
[SupportedOSPlatform("linux")]
internal static class BenchCommand
{
    private static readonly Option<int> ConnectionsOption = new("--connections")
    {
        Description = "Connections to open and hold per round (stay below RLIMIT_NOFILE of one worker).",
        DefaultValueFactory = _ => 19000,
    };

    private static readonly Option<int> RoundsOption = new("--rounds")
    {
        Description = "Alternating rounds of ConnStorm and the yardstick; medians are reported.",
        DefaultValueFactory = _ => 3,
    };

    private static readonly Option<int> WindowOption = new("--window")
    {
        Description = "Connects in flight at most, for both connectors.",
        DefaultValueFactory = _ => 1000,
    };

    private static readonly Option<int> LargeOption = new("--large")
    {
        Description = "Connections of the large run split over worker processes, after the rounds; 0 skips it.",
        DefaultValueFactory = _ => 160_000,
    };

    private static readonly Option<string?> YardstickOption = new("--rawconnect")
    {
        Description = "Path of the C yardstick rawconnect. Default: ../shared/bench/bin/rawconnect when built.",
    };

    public static Command Create()
    {
        var command = new Command("bench", "Benchmark: open connections in a lab with ConnStorm and with the C yardstick; print rates, their ratio and memory per connection.")
        {
            ConnectionsOption, RoundsOption, WindowOption, LargeOption, YardstickOption,
        };
        command.SetAction(parse =>
        {
            if (LabRequirements.WhatIsMissing() is { } missing)
            {
                Console.Error.WriteLine($"connstorm bench: {missing}");
                return ExitCodes.EnvironmentCannotRun;
            }
            string? explicitPath = parse.GetValue(YardstickOption);
            string? rawconnect = Yardstick.Find(explicitPath);
            if (explicitPath is not null && rawconnect is null)
            {
                Console.Error.WriteLine($"connstorm bench: --rawconnect {explicitPath}: no such file");
                return ExitCodes.BadInput;
            }
            return new ConnectBenchmark(parse.GetValue(ConnectionsOption), parse.GetValue(RoundsOption),
                parse.GetValue(WindowOption), rawconnect, parse.GetValue(LargeOption), Console.Out).Run();
        });
        return command;
    }
}
