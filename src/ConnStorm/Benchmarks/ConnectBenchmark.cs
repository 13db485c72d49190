using System.Globalization;
using System.Net;
using System.Runtime.Versioning;
using ConnStorm.Running;
using ConnStorm.Scenarios;

namespace ConnStorm.Benchmarks;

/// <summary>
/// Opens N loopback connections in a lab against the embedded sink, with ConnStorm and
/// (when built) with the C yardstick, in alternating rounds; prints connections per
/// second, the ratio to the yardstick, and ConnStorm's worker memory per held connection.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class ConnectBenchmark(int connections, int rounds, int window, string? rawconnect, TextWriter output)
{
    public int Run()
    {
        var scenario = new Scenario
        {
            Name = "bench-connect",
            Description = $"benchmark: {connections} loopback connections held in a lab",
            Lab = new LabSpec(),
            Sink = new SinkSpec { Listen = [new IPEndPoint(IPAddress.Loopback, 9000)] },
            Targets = [new IPEndPoint(IPAddress.Loopback, 9000)],
            Load = new LoadSpec { Connections = connections, Concurrency = window },
        };
        output.WriteLine($"benchmark: {connections} connections to 127.0.0.1:9000 in a lab, window {window}, {rounds} round(s)");
        output.WriteLine(rawconnect is null
            ? "yardstick: ../shared/bench/bin/rawconnect not found (build it with ../shared/bench/build.sh); ConnStorm figures only"
            : $"yardstick: {rawconnect}");

        var ours = new List<double>();
        var theirs = new List<double>();
        var bytesPerConn = new List<double>();
        string scratch = Directory.CreateTempSubdirectory("connstorm-bench-").FullName;
        try
        {
            for (int round = 1; round <= rounds; round++)
            {
                var outcome = new ScenarioRunner(scenario, new RunOptions { OutDir = Path.Combine(scratch, $"round-{round}") }, TextWriter.Null)
                    .Run(CancellationToken.None);
                if (outcome.Row is not { } row || outcome.ExitCode != 0)
                {
                    output.WriteLine($"round {round}: ConnStorm could not run: {outcome.Error}");
                    return outcome.ExitCode == 0 ? 1 : outcome.ExitCode;
                }
                double rate = row.Seconds > 0 ? row.MaxEstablished / row.Seconds : 0;
                double perConn = row.MaxEstablished > 0
                    ? Math.Max(0, outcome.WorkerRssConnectedKb - outcome.WorkerRssReadyKb) * 1024.0 / row.MaxEstablished : 0;
                ours.Add(rate);
                bytesPerConn.Add(perConn);
                string line = string.Create(CultureInfo.InvariantCulture,
                    $"round {round}: connstorm {row.MaxEstablished} held in {row.Seconds:0.000} s = {rate:0} conn/s, worker RSS {outcome.WorkerRssReadyKb} -> {outcome.WorkerRssConnectedKb} KiB = {perConn:0} B/conn");
                if (rawconnect is not null)
                {
                    var y = Yardstick.Run(rawconnect, scenario, window);
                    theirs.Add(y.RatePerSecond);
                    line += string.Create(CultureInfo.InvariantCulture, $"; rawconnect {y.Established} in {y.Seconds:0.000} s = {y.RatePerSecond:0} conn/s; ratio {rate / y.RatePerSecond:0.00}");
                }
                output.WriteLine(line);
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }

        double medianOurs = Median(ours);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"connstorm_rate_per_s={medianOurs:0}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"connstorm_bytes_per_held_connection={Median(bytesPerConn):0}  (target <= 1024)"));
        if (theirs.Count > 0)
        {
            double medianTheirs = Median(theirs);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rawconnect_rate_per_s={medianTheirs:0}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio_connstorm_to_rawconnect={medianOurs / medianTheirs:0.00}  (target >= 0.90; medians of {rounds} rounds)"));
        }
        return 0;
    }

    private static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
