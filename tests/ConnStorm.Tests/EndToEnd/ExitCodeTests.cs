using ConnStorm.Tests.TestSupport;

namespace ConnStorm.Tests.EndToEnd;

/// <summary>Exit codes tell "the experiment ran" from "could not run" from "bad input".</summary>
[Collection(EndToEndCollection.Name)]
public sealed class ExitCodeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("connstorm-exit-").FullName;

    private string Write(string yaml)
    {
        string file = Path.Combine(_dir, "scenario.yaml");
        File.WriteAllText(file, yaml);
        return file;
    }

    [LinuxFact]
    public void Run_WithUnknownKey_ExitsTwoNamingFileLineAndKeyAndStartsNothing()
    {
        string file = Write("""
            name: typo
            targets: ["127.0.0.1:9000"]
            load:
              conections: 5
            """);
        string outDir = Path.Combine(_dir, "out");

        var result = ConnStormCli.Run(TimeSpan.FromSeconds(30), "run", file, "--out", outDir);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{file}:4:3: load.conections", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [LinuxFact]
    public void Run_WithMissingScenarioArgument_ExitsTwo()
    {
        var result = ConnStormCli.Run(TimeSpan.FromSeconds(30), "run");
        Assert.Equal(2, result.ExitCode);
    }

    [LinuxFact]
    public void Run_WhoseSinkPortIsTaken_ExitsThreeAndItsManifestSaysWhyItNeverBegan()
    {
        using var holder = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        holder.Start();
        int port = ((System.Net.IPEndPoint)holder.LocalEndpoint).Port;
        string file = Write($"""
            name: taken
            sink:
              listen: ["127.0.0.1:{port}"]
            targets: ["127.0.0.1:{port}"]
            load:
              connections: 5
            """);
        string outDir = Path.Combine(_dir, "taken");

        var result = ConnStormCli.Run(TimeSpan.FromSeconds(30), "run", file, "--out", outDir, "--plain");

        Assert.Equal(3, result.ExitCode);
        var manifest = ConnStorm.Results.ManifestWriter.Read(Path.Combine(outDir, ConnStorm.Results.ResultFiles.Manifest));
        Assert.True(manifest.Complete);
        Assert.Equal(3, manifest.ExitCode);
        Assert.Contains(manifest.Notes, n => n.Contains($"127.0.0.1:{port}", StringComparison.Ordinal));
    }

    [LabFact]
    public void Run_WithLabAsNonRoot_ExitsThreeNamingTheLabLine()
    {
        string file = Write("""
            name: no-root
            targets: ["127.0.0.1:9000"]
            lab:
              sysctl:
                net.ipv4.ip_local_port_range: "40000 40099"
            """);
        // The file must be readable by the unprivileged user the CLI runs as.
        File.SetUnixFileMode(_dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var psi = ConnStormCli.StartInfoUnder("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups"], "run", file);

        var result = ConnStormCli.Run(psi, TimeSpan.FromSeconds(30), null);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"{file}:3:1: lab:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("root", result.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
