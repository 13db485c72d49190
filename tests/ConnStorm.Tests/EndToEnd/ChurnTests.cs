using System.Globalization;
using ConnStorm.Results;
using ConnStorm.Tests.TestSupport;

namespace ConnStorm.Tests.EndToEnd;

/// <summary>
/// One churn sweep in labs with a 50-port range, one destination: each close mode with
/// tcp_tw_reuse 0 and 2, checked against the TIME_WAIT rule (range / 60 s per second while the
/// client keeps each 4-tuple for 60 s). Bounds are loose: the machine may be busy.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ChurnTests : IClassFixture<ChurnTests.Sweep>
{
    private readonly Sweep _sweep;

    public ChurnTests(Sweep sweep) => _sweep = sweep;

    [LabFact]
    public void ClientFin_WithoutTwReuse_HitsEaddrnotavailAndStaysNearTheRangeOverSixtyRule()
    {
        var row = _sweep.Row("fin", 0);

        Assert.Equal("EADDRNOTAVAIL", row.FirstFailureErrno);
        Assert.Equal("connect", row.FirstFailurePhase);
        Assert.Equal(50 / 60.0, row.ChurnRulePerS!.Value, 2);
        // The 50 ports are used up in the first second and every one stays in TIME_WAIT for 60 s.
        Assert.InRange(row.ChurnRatePerS!.Value, 0, row.ChurnRulePerS.Value * 5);
        Assert.InRange(row.MaxEstablished, 50, 60);
    }

    [LabFact]
    public void ClientFin_WithLoopbackTwReuse_TakesOverTimeWaitsOlderThanOneSecond()
    {
        var row = _sweep.Row("fin", 2);

        Assert.Equal(2, row.TwReuse);
        // TIME_WAITs older than 1 s are reused: about 50 per second, far above 50 / 60.
        Assert.True(row.ChurnRatePerS > row.ChurnRulePerS * 10, $"rate {row.ChurnRatePerS}/s");
    }

    [LabFact]
    public void ClientRst_NeverHitsEaddrnotavailAndRunsFarAboveTheRule()
    {
        foreach (int tw in new[] { 0, 2 })
        {
            var row = _sweep.Row("rst", tw);

            Assert.Equal("client-rst", row.Close);
            Assert.Null(row.FirstFailureErrno);
            Assert.True(row.ChurnRatePerS > row.ChurnRulePerS * 50, $"rate {row.ChurnRatePerS}/s with tw_reuse {tw}");
            Assert.Equal(0, _sweep.MaxTimeWait("rst", tw));
        }
    }

    [LabFact]
    public void ServerFirst_LeavesTimeWaitOnTheSinkWhileTheClientNeverHitsEaddrnotavail()
    {
        var row = _sweep.Row("server", 0);

        Assert.Equal("server-first", row.Close);
        Assert.Null(row.FirstFailureErrno);
        Assert.True(row.ChurnRatePerS > row.ChurnRulePerS * 50, $"rate {row.ChurnRatePerS}/s");
        // Sink and client share the lab: the TIME_WAITs counted are the sink's.
        Assert.True(_sweep.MaxTimeWait("server", 0) > 0);
    }

    [LabFact]
    public void Timeline_HasTheTimeWaitColumnLastWithASampleInEveryInterval()
    {
        var lines = File.ReadAllLines(_sweep.Timeline("fin", 0));

        Assert.EndsWith(",other,time_wait", lines[0], StringComparison.Ordinal);
        // Samples fall mid-interval: nearly every interval of the churn has one, and 50 ports give 50 TIME_WAITs.
        var values = lines.Skip(1).Select(l => l.Split(',')[^1]).ToList();
        Assert.True(values.Count(v => v.Length > 0) >= values.Count * 0.8, string.Join(' ', values));
        Assert.Contains("50", values);
    }

    [LabFact]
    public void Sweep_LeavesNothingBehindAndDrawsTheChurnPlot()
    {
        Assert.True(_sweep.Cli.ExitCode == 0, _sweep.Cli.Stdout + _sweep.Cli.Stderr);
        ConnStorm.Tests.Plots.Rendered.Svg(Path.Combine(_sweep.Out, "churn.svg"), "TIME_WAIT sockets in the lab", "connects per second (1 s bins)");
        Assert.Empty(Leftovers.NamespacesOf(_sweep.Cli.Pid));
        Assert.Empty(Leftovers.ExperimentProcesses());
    }

    /// <summary>The sweep, run once for the whole class (when the first test asks for it).</summary>
    public sealed class Sweep : IDisposable
    {
        private readonly Lazy<IReadOnlyList<RunRow>> _rows;
        private readonly string _dir = Directory.CreateTempSubdirectory("connstorm-churn-").FullName;
        private ConnStormCli.Result? _cli;

        public Sweep() => _rows = new Lazy<IReadOnlyList<RunRow>>(RunIt);

        public string Out => Path.Combine(_dir, "out");

        public ConnStormCli.Result Cli
        {
            get
            {
                _ = _rows.Value;
                return _cli!;
            }
        }

        public RunRow Row(string variant, int twReuse) =>
            _rows.Value.Single(r => r.Variant == variant && r.TwReuse == twReuse);

        public string Timeline(string variant, int twReuse) => Path.Combine(Out, Row(variant, twReuse).RunDir, "timeline.csv");

        public long MaxTimeWait(string variant, int twReuse) =>
            File.ReadAllLines(Timeline(variant, twReuse)).Skip(1)
                .Select(l => l.Split(',')[^1])
                .Where(v => v.Length > 0)
                .Select(v => long.Parse(v, CultureInfo.InvariantCulture))
                .DefaultIfEmpty(-1)
                .Max();

        private IReadOnlyList<RunRow> RunIt()
        {
            string file = Path.Combine(_dir, "churn.yaml");
            File.WriteAllText(file, """
                name: e2e-churn
                lab:
                  sysctl:
                    net.ipv4.ip_local_port_range: "40000 40049"
                sink:
                  listen: ["127.0.0.1:9000"]
                targets: ["127.0.0.1:9000"]
                load:
                  mode: churn
                  duration: 3s
                  concurrency: 16
                output:
                  connections_csv: false
                sweep:
                  variants:
                    fin: { close: client-fin }
                    rst: { close: client-rst }
                    server: { close: server-first }
                  tw_reuse: [0, 2]
                """);
            _cli = ConnStormCli.Run(TimeSpan.FromSeconds(150), "run", file, "--out", Out, "--plain");
            return RunsCsv.Read(Path.Combine(Out, "runs.csv"));
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(_dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
