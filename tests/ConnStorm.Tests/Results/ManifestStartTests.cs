using System.Net;
using ConnStorm.Results;
using ConnStorm.Scenarios;

namespace ConnStorm.Tests.Results;

public sealed class ManifestStartTests
{
    private static readonly Scenario Small = new()
    {
        Name = "small",
        Targets = [new IPEndPoint(IPAddress.Loopback, 9000)],
    };

    [Fact]
    public void A_manifest_written_at_the_start_reads_back_as_incomplete_with_no_end_and_no_exit_code()
    {
        using var dir = new TempDir();
        var started = new DateTime(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);

        ManifestWriter.Write(dir.File("manifest.json"), ManifestStart.Of(Small, started));
        var read = ManifestWriter.Read(dir.File("manifest.json"));

        Assert.False(read.Complete);
        Assert.Null(read.EndedUtc);
        Assert.Null(read.ExitCode);
        Assert.Equal(started, read.StartedUtc);
        Assert.Equal("small", read.Scenario["name"]?.ToString());
        Assert.Contains("\"complete\": false", dir.Read("manifest.json"), StringComparison.Ordinal);
    }

    [Fact]
    public void Completing_it_sets_the_end_the_exit_code_and_complete()
    {
        var started = new DateTime(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);

        var done = ManifestStart.Of(Small, started).Completed(started.AddSeconds(5), interrupted: true, ["a note"]);

        Assert.True(done.Complete);
        Assert.True(done.Interrupted);
        Assert.Equal(130, done.ExitCode);
        Assert.Equal(started.AddSeconds(5), done.EndedUtc);
        Assert.Equal(["a note"], done.Notes);
    }

    [Fact]
    public void A_manifest_from_before_the_complete_key_reads_as_complete()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("manifest.json"), """
            { "schema": "connstorm.run/1", "started_utc": "2026-11-21T17:16:34Z", "ended_utc": "2026-11-21T17:16:40Z", "exit_code": 0 }
            """);

        var read = ManifestWriter.Read(dir.File("manifest.json"));

        Assert.True(read.Complete);
        Assert.Equal(0, read.ExitCode);
    }
}
