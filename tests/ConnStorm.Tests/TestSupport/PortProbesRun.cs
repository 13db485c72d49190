using ConnStorm.Probes;

namespace ConnStorm.Tests.TestSupport;

/// <summary>
/// One real `connstorm probe` run of the port probes, made on first use (so a machine
/// without a lab, where every test skips, never starts it) and shared by the tests of a class.
/// </summary>
public sealed class PortProbesRun : IDisposable
{
    public static readonly string[] Names = ["port-sequence", "port-exhaustion", "no-port", "local-port-range", "held-ports", "connect-cost"];

    private readonly Lazy<(ConnStormCli.Result Cli, ProbesDocument Doc)> _run;

    public PortProbesRun()
    {
        Dir = Path.Combine(Path.GetTempPath(), "connstorm-probes-" + Guid.NewGuid().ToString("N"));
        _run = new(() =>
        {
            var cli = ConnStormCli.Run(TimeSpan.FromMinutes(3), ["probe", "--only", .. Names, "--out", Dir]);
            Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);
            return (cli, ProbesDocument.Read(Path.Combine(Dir, ProbesDocument.FileName)));
        });
    }

    public string Dir { get; }

    public ConnStormCli.Result Cli => _run.Value.Cli;

    public ProbesDocument Doc => _run.Value.Doc;

    public IReadOnlyList<ProbeCase> Cases(string probe) => [.. Doc.Cases.Where(c => c.Probe == probe)];

    public ProbeCase Case(string probe, string name) =>
        Doc.Cases.SingleOrDefault(c => c.Probe == probe && c.Case == name)
        ?? throw new Xunit.Sdk.XunitException($"no case {probe}/{name} in {Dir}");

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Dir)) Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
