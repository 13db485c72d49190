using System.Text.Json;
using ConnStorm.Results;

namespace ConnStorm.Tests.Results;

public class ManifestTests
{
    private static Manifest Sample() => new()
    {
        ToolVersion = "0.1.0+abc",
        Scenario = new Dictionary<string, object?> { ["name"] = "ports", ["connections"] = 300, ["lab"] = null },
        ScenarioFile = "scenarios/ports.yaml",
        KernelRelease = "6.8.0-45-generic",
        Hostname = "box",
        Cores = 8,
        MemoryBytes = 16L << 30,
        RlimitNofile = new RlimitNofile(1024, 1048576, 1048576),
        Sysctls = new Dictionary<string, string> { ["net.ipv4.ip_local_port_range"] = "40000 40999", ["fs.file-max"] = "9223372036854775807" },
        Namespace = "connstorm-lab-1",
        StartedUtc = new DateTime(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc),
        EndedUtc = new DateTime(2025, 3, 4, 5, 6, 9, 500, DateTimeKind.Utc),
        Interrupted = false,
        ExitCode = 0,
        Notes = ["RLIMIT_NOFILE (20000) capped this run: EMFILE before the network limit"],
    };

    [Fact]
    public void Write_UsesSnakeCaseKeysAndKeepsSysctlKeysAsGiven()
    {
        using var dir = new TempDir();
        var path = dir.File("manifest.json");

        ManifestWriter.Write(path, Sample());

        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var keys = doc.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(
            ["schema", "tool_version", "scenario", "scenario_file", "kernel_release", "hostname", "cores", "memory_bytes",
             "rlimit_nofile", "sysctls", "namespace", "started_utc", "connect_started_utc", "first_attempt_utc", "ended_utc", "complete", "interrupted", "exit_code", "notes", "limits", "worker_build"],
            keys);
        Assert.Equal("connstorm.run/1", doc.RootElement.GetProperty("schema").GetString());
        Assert.Equal(1048576UL, doc.RootElement.GetProperty("rlimit_nofile").GetProperty("raised_to").GetUInt64());
        Assert.Equal("40000 40999", doc.RootElement.GetProperty("sysctls").GetProperty("net.ipv4.ip_local_port_range").GetString());
        Assert.Equal("2025-03-04T05:06:07Z", doc.RootElement.GetProperty("started_utc").GetString());
        Assert.Contains("\n  \"schema\"", File.ReadAllText(path));
        Assert.Equal("0.1.0+abc", doc.RootElement.GetProperty("tool_version").GetString());
        Assert.Contains("\"0.1.0+abc\"", File.ReadAllText(path));
    }

    [Fact]
    public void Write_WithATimeOfUnspecifiedKind_MarksItUtc()
    {
        using var dir = new TempDir();
        var path = dir.File("manifest.json");

        ManifestWriter.Write(path, Sample() with { EndedUtc = new DateTime(2025, 3, 4, 5, 6, 9, DateTimeKind.Unspecified) });

        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        Assert.Equal("2025-03-04T05:06:09Z", doc.RootElement.GetProperty("ended_utc").GetString());
    }

    [Fact]
    public void WriteThenRead_GivesBackTheSameValues()
    {
        using var dir = new TempDir();
        var path = dir.File("manifest.json");
        var original = Sample();

        ManifestWriter.Write(path, original);
        var read = ManifestWriter.Read(path);

        Assert.Equal(original with { Scenario = read.Scenario, Sysctls = read.Sysctls, Notes = read.Notes }, read);
        Assert.Equal(original.Sysctls, read.Sysctls);
        Assert.Equal(original.Notes, read.Notes);
        Assert.Equal("ports", ((JsonElement)read.Scenario["name"]!).GetString());
        Assert.Equal(300, ((JsonElement)read.Scenario["connections"]!).GetInt32());
        Assert.Null(read.Scenario["lab"]);
        Assert.False(File.Exists(path + ".tmp"));
    }
}
