using ConnStorm.Tests.TestSupport;

namespace ConnStorm.Tests.Probes;

[Collection(ProbeRunCollection.Name)]
public sealed class InPlaceGuardTests
{
    [LabFact]
    public void ProbeInPlace_InTheHostNamespace_IsRefusedWithExitThreeAndWritesNothing()
    {
        string outDir = Path.Combine(Path.GetTempPath(), $"connstorm-inplace-{Guid.NewGuid():N}");

        var cli = ConnStormCli.Run(TimeSpan.FromSeconds(30), "probe", "--in-place", "--out", outDir);

        Assert.Equal(3, cli.ExitCode);
        Assert.Contains("never the host's", cli.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [LabFact]
    public void ProbeInPlace_InsideANamedNamespace_Runs()
    {
        string name = $"connstorm-guard-{Environment.ProcessId}";
        string outDir = Path.Combine(Path.GetTempPath(), $"connstorm-inplace-{Guid.NewGuid():N}");
        TestNamespaces.Ip("netns", "add", name);
        try
        {
            TestNamespaces.Ip("-n", name, "link", "set", "lo", "up");
            var psi = ConnStormCli.StartInfoUnder("ip", ["netns", "exec", name], "probe", "--in-place", "--only", "shared-port", "--out", outDir);

            var cli = ConnStormCli.Run(psi, TimeSpan.FromSeconds(60), null);

            Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);
            Assert.True(File.Exists(Path.Combine(outDir, "probes.json")));
        }
        finally
        {
            TestNamespaces.DeleteIfPresent(name);
            if (Directory.Exists(outDir))
            {
                Directory.Delete(outDir, recursive: true);
            }
        }
    }
}
