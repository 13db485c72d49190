using System.Diagnostics;
using ConnStorm.Lab;
using ConnStorm.Platform;
using ConnStorm.Tests.TestSupport;

namespace ConnStorm.Tests.EndToEnd;

/// <summary>A results folder that cannot be written ends the run with one line naming it, exit code 3, and nothing left running.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class WriteFailureTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("connstorm-write-").FullName;

    private string Scenario(string yaml)
    {
        string file = Path.Combine(_dir, "scenario.yaml");
        File.WriteAllText(file, yaml);
        return file;
    }

    // Nothing starts before the folder is made, so no lab is needed to see these two refused.
    private const string NoLab = """
        name: nowhere
        targets: ["127.0.0.1:9"]
        load:
          connections: 1
        """;

    [LinuxFact]
    public void An_out_that_is_an_existing_file_exits_3_with_one_line_naming_it()
    {
        string outPath = Path.Combine(_dir, "a-file");
        File.WriteAllText(outPath, "mine");

        var result = ConnStormCli.Run(TimeSpan.FromSeconds(30), "run", Scenario(NoLab), "--out", outPath, "--plain");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal($"connstorm: cannot write results to {outPath}: it is a file, not a folder", result.Stderr.Trim());
        Assert.Equal("mine", File.ReadAllText(outPath));
    }

    [LinuxFact]
    public void An_out_that_cannot_be_created_exits_3_with_one_line_naming_it_and_the_reason()
    {
        var result = ConnStormCli.Run(TimeSpan.FromSeconds(30), "run", Scenario(NoLab), "--out", "/proc/nope", "--plain");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("connstorm: cannot write results to /proc/nope: No such file or directory", result.Stderr.Trim());
    }

    [SkippableFact]
    public void A_disk_that_fills_up_mid_run_exits_3_keeps_what_was_written_and_removes_the_lab()
    {
        Skip.If(LabRequirements.WhatIsMissing() is not null, $"needs a lab: {LabRequirements.WhatIsMissing()}");
        Skip.IfNot(Signals.EffectiveUserId() == 0, "mounting a small tmpfs needs root");
        string mount = Path.Combine(_dir, "full");
        Directory.CreateDirectory(mount);
        // 200 KB: room for the manifest and the first rows, not for 4,000 rows of connections.csv.
        Skip.IfNot(Command("mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", mount) == 0, "mount -t tmpfs failed");
        try
        {
            string outDir = Path.Combine(mount, "x");
            string file = Scenario("""
                name: full-disk
                lab:
                  sysctl:
                    net.ipv4.ip_local_port_range: "40000 44999"
                sink:
                  listen: ["127.0.0.1:9000"]
                targets: ["127.0.0.1:9000"]
                load:
                  connections: 4000
                  hold: 2s
                output:
                  connections_csv: true
                """);

            var result = ConnStormCli.Run(TimeSpan.FromSeconds(90), "run", file, "--out", outDir, "--plain");

            Assert.True(result.ExitCode == 3, result.Stdout + result.Stderr);
            Assert.Equal($"connstorm: cannot write results to {outDir}: No space left on device", result.Stderr.Trim());
            Assert.True(File.Exists(Path.Combine(outDir, "manifest.json")), "the manifest written at the start is kept");
            Assert.True(new FileInfo(Path.Combine(outDir, "connections.csv")).Length > 0, "the rows written before the disk filled are kept");
            Assert.Empty(Leftovers.NamespacesOf(result.Pid));
            Assert.Empty(Leftovers.ExperimentProcesses());
        }
        finally
        {
            Command("umount", mount);
        }
    }

    private static int Command(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi)!;
        p.WaitForExit(TimeSpan.FromSeconds(30));
        return p.ExitCode;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
