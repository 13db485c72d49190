using System.Runtime.Versioning;
using ConnStorm.Benchmarks;
using ConnStorm.Errors;
using ConnStorm.Lab;
using ConnStorm.Platform;

namespace ConnStorm.Cli;

/// <summary>`connstorm bench`, its options parsed (and in range): finds the yardstick, runs the benchmark until done or a signal.</summary>
[SupportedOSPlatform("linux")]
internal sealed record BenchHandler(int Connections, int Rounds, int Window, int AtScale, int Large, string? RawconnectPath)
{
    public int Run(TextWriter output, TextWriter error)
    {
        string? rawconnect = Yardstick.Find(RawconnectPath);
        if (RawconnectPath is not null && rawconnect is null)
        {
            error.WriteLine($"connstorm bench: --rawconnect {RawconnectPath}: no such file");
            return ExitCodes.BadInput;
        }
        if (LabRequirements.WhatIsMissing() is { } missing)
        {
            error.WriteLine($"connstorm bench: {missing}");
            return ExitCodes.EnvironmentCannotRun;
        }
        using var signals = ShutdownSignals.Listen();
        return new ConnectBenchmark(Connections, Rounds, Window, rawconnect, Large, output, AtScale).Run(signals.Token);
    }
}
