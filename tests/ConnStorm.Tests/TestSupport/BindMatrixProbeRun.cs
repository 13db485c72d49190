using ConnStorm.Probes;

namespace ConnStorm.Tests.TestSupport;

/// <summary>
/// One real `connstorm probe --only NAME` run, made on first use (so a skipped [LabFact] class
/// never runs it), with what it left behind checked right after it ended.
/// </summary>
public sealed class BindMatrixProbeRun : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"connstorm-probe-test-{Guid.NewGuid():N}");
    private readonly Lazy<(ConnStormCli.Result Cli, ProbesDocument Doc, IReadOnlyList<string> Namespaces, IReadOnlyList<string> Processes)> _run;

    public BindMatrixProbeRun(string probe)
    {
        _run = new(() =>
        {
            var cli = ConnStormCli.Run(TimeSpan.FromSeconds(120), "probe", "--only", probe, "--out", _dir);
            Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);
            var doc = ProbesDocument.Read(Path.Combine(_dir, ProbesDocument.FileName));
            return (cli, doc, Leftovers.NamespacesOf(cli.Pid), ProbeRunProcesses());
        });
    }

    public ProbesDocument Doc => _run.Value.Doc;

    public ProbeCase Case(string name) =>
        Doc.Cases.FirstOrDefault(c => c.Case == name) ?? throw new Xunit.Sdk.XunitException($"case {name} missing; cases: {Doc.Cases.Count}, errors: {string.Join("; ", Doc.Probes.Select(p => p.Error))}");

    public void AssertNothingLeftBehind()
    {
        var run = _run.Value;
        Assert.Empty(run.Namespaces);
        Assert.Empty(run.Processes);
    }

    /// <summary>Live `connstorm probe-run` processes: each probe's process must end with its probe.</summary>
    private static List<string> ProbeRunProcesses() => ProcessTable.All()
        .Select(p => p.CommandLine)
        .Where(c => c.Contains("connstorm", StringComparison.Ordinal) && c.Contains("probe-run", StringComparison.Ordinal))
        .ToList();

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }
}

public sealed class BindMatrixRunFixture() : IDisposable
{
    public BindMatrixProbeRun Run { get; } = new("bind-matrix");

    public void Dispose() => Run.Dispose();
}

public sealed class TimeWaitRunFixture() : IDisposable
{
    public BindMatrixProbeRun Run { get; } = new("timewait");

    public void Dispose() => Run.Dispose();
}

public sealed class BindSequencesRunFixture() : IDisposable
{
    public BindMatrixProbeRun Run { get; } = new("bind-sequences");

    public void Dispose() => Run.Dispose();
}
