using ConnStorm.Probes;
using ConnStorm.Tests.TestSupport;

namespace ConnStorm.Tests.Probes;

[Collection(ProbeRunCollection.Name)]
public sealed class SharedPortProbeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("connstorm-shared-").FullName;

    [LabFact]
    public void SharedPort_RunForReal_SharesOnePortAcrossDestinationsAndNeverRepeatsAFourTuple()
    {
        var cli = ConnStormCli.Run(TimeSpan.FromSeconds(60), "probe", "--only", "shared-port", "--out", _dir);

        Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);
        var doc = ProbesDocument.Read(Path.Combine(_dir, ProbesDocument.FileName));
        var two = doc.Cases.Single(c => c.Case == "reuseaddr-two-destinations");
        var twice = doc.Cases.Single(c => c.Case == "reuseaddr-same-destination-twice");
        var plain = doc.Cases.Single(c => c.Case == "plain-two-destinations");
        // 4-tuple rule: one port may serve two destinations, never the same destination twice.
        Assert.Equal(ProbeCase.Ok, two.Outcome);
        Assert.Equal(50000, two.Numbers["second_local_port"]);
        Assert.Equal(ProbeCase.Error, twice.Outcome);
        // Without SO_REUSEADDR an ip:port is bound once.
        Assert.Equal("EADDRINUSE", plain.Errno);
        Assert.All(doc.Claims, claim => Assert.All(claim.Cases, id => Assert.Contains(doc.Cases, c => c.Id == id)));
        Assert.True(File.Exists(Path.Combine(_dir, "probes.md")));
        Assert.True(File.Exists(Path.Combine(_dir, "manifest.json")));
        Assert.Empty(Leftovers.NamespacesOf(cli.Pid));
    }

    [Fact]
    public void Claims_WithACaseMissing_AreNotSettled()
    {
        IProbeClaims probe = (IProbeClaims)ProbeCatalogue.Find("shared-port")!;

        var claims = probe.Judge([new ProbeCase { Probe = "shared-port", Case = "reuseaddr-two-destinations", Outcome = ProbeCase.Ok }]).ToList();

        Assert.All(claims, c => Assert.Equal(Verdict.NotSettled, c.Verdict));
    }

    [Fact]
    public void Claims_WhenTheSecondConnectionFailed_DoNotSayThePortWasShared()
    {
        IProbeClaims probe = (IProbeClaims)ProbeCatalogue.Find("shared-port")!;
        ProbeCase Case(string name, string errno) => new() { Probe = "shared-port", Case = name, Outcome = ProbeCase.Error, Errno = errno };

        var claims = probe.Judge([Case("reuseaddr-two-destinations", "EADDRINUSE"), Case("reuseaddr-same-destination-twice", "EADDRINUSE"), Case("plain-two-destinations", "EADDRINUSE")]).ToList();

        Assert.Equal(Verdict.DoesNotHold, claims.Single(c => c.Claim.StartsWith("With bind-before-connect", StringComparison.Ordinal)).Verdict);
        Assert.NotEqual(Verdict.DoesNotHold, claims.Single(c => c.Claim.StartsWith("A client cannot", StringComparison.Ordinal)).Verdict);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
