using ConnStorm.Results;

namespace ConnStorm.Tests.TestSupport;

/// <summary>
/// One real `connstorm run` of a scenario written for the test, with its results read back.
/// Each run gets its own lab namespace (100-port range) and embedded sink; afterwards the
/// run must have left no namespace and no process behind.
/// </summary>
internal sealed class LabRun : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("connstorm-e2e-").FullName;
    public ConnStormCli.Result Cli { get; private set; } = null!;

    public static LabRun Start(string clientAndTargets, int connections = 300, string stopOn = "first_failure", string extraLoad = "", string portRange = "40000 40099")
    {
        var run = new LabRun();
        string yaml = $"""
            name: e2e
            description: written by an end-to-end test
            lab:
              sysctl:
                net.ipv4.ip_local_port_range: "{portRange}"
            sink:
              listen: ["127.0.0.1:9000-9001"]
            {clientAndTargets}
            load:
              connections: {connections}
              concurrency: 64
              stop_on: {stopOn}
            {extraLoad}
            """;
        string file = Path.Combine(run.Dir, "scenario.yaml");
        File.WriteAllText(file, yaml);
        run.Cli = ConnStormCli.Run(TimeSpan.FromSeconds(90), "run", file, "--out", Path.Combine(run.Dir, "out"), "--plain");
        return run;
    }

    public string Out => Path.Combine(Dir, "out");

    public RunRow Row => RunsCsv.Read(Path.Combine(Out, "runs.csv")).Single();

    /// <summary>connections.csv as (source, target) pairs.</summary>
    public IReadOnlyList<(string Source, string Target)> Connections =>
        File.ReadAllLines(Path.Combine(Out, "connections.csv")).Skip(1)
            .Select(l => l.Split(','))
            .Select(f => (f[2], f[3]))
            .ToList();

    public void AssertNothingLeftBehind()
    {
        Assert.Empty(Leftovers.NamespacesOf(Cli.Pid));
        Assert.Empty(Leftovers.ExperimentProcesses());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
