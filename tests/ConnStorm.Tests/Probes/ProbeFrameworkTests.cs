using ConnStorm.Probes;

namespace ConnStorm.Tests.Probes;

/// <summary>The probes.json contract on hand-made documents (probes.md: Exporters/ProbesReportExporterTests).</summary>
public sealed class ProbeFrameworkTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("connstorm-probes-").FullName;

    internal static ProbesDocument Sample() => new()
    {
        ToolVersion = "0.1.0",
        KernelRelease = "6.18.0-test",
        Hostname = "rig",
        StartedUtc = new DateTime(2026, 11, 21, 17, 0, 0, DateTimeKind.Utc),
        EndedUtc = new DateTime(2026, 11, 21, 17, 0, 3, DateTimeKind.Utc),
        Probes = [new ProbeRunInfo("shared-port", "one port, two destinations", 0.25, null), new ProbeRunInfo("broken", "fails", 1, "exit code 1: boom | bang")],
        Cases =
        [
            new ProbeCase
            {
                Probe = "shared-port", Case = "two", Outcome = ProbeCase.Ok,
                Inputs = new Dictionary<string, string> { ["source"] = "127.0.0.1:50000" },
                Numbers = new Dictionary<string, double> { ["second_local_port"] = 50000 },
                Values = [40002, 40004],
            },
            new ProbeCase { Probe = "shared-port", Case = "twice", Outcome = ProbeCase.Error, Errno = "EADDRNOTAVAIL" },
        ],
        Claims = [new ProbeClaim("A client cannot reuse a local port", Verdict.DoesNotHold, "one port, two connections", ["shared-port/two"])],
    };

    [Fact]
    public void Document_RoundTripsThroughProbesJsonWithSnakeCaseKeys()
    {
        string path = Path.Combine(_dir, ProbesDocument.FileName);
        Sample().Write(path);

        string json = File.ReadAllText(path);
        var back = ProbesDocument.Read(path);

        Assert.Contains("\"schema\": \"connstorm.probes/1\"", json, StringComparison.Ordinal);
        Assert.Contains("\"kernel_release\": \"6.18.0-test\"", json, StringComparison.Ordinal);
        Assert.Contains("\"second_local_port\": 50000", json, StringComparison.Ordinal);
        Assert.Equal(2, back.Cases.Count);
        Assert.Equal([40002L, 40004L], back.Cases[0].Values);
        Assert.Null(back.Cases[1].Values);
        Assert.Equal("EADDRNOTAVAIL", back.Cases[1].Errno);
        Assert.Equal(Sample().Claims[0].Cases, back.Claims[0].Cases);
    }

    [Fact]
    public void HostLine_ParsesBackIntoTheSameCase()
    {
        var output = new StringWriter();
        var c = Sample().Cases[0];
        output.WriteLine("P " + System.Text.Json.JsonSerializer.Serialize(c, ProbesDocument.Line));

        Assert.True(ProbeHost.TryParse(output.ToString().Trim(), out var back));
        Assert.Equal(c.Id, back!.Id);
        Assert.Equal(c.Values, back.Values);
        Assert.False(ProbeHost.TryParse("D", out _));
    }

    [Fact]
    public void Catalogue_SelectsByNameAndReportsUnknownNames()
    {
        var (probes, unknown) = ProbeCatalogue.Select(["shared-port", "no-such-probe"]);

        Assert.Equal(["shared-port"], probes.Select(p => p.Name));
        Assert.Equal(["no-such-probe"], unknown);
        Assert.Equal(ProbeCatalogue.All.Count, ProbeCatalogue.Select([]).Probes.Count);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
