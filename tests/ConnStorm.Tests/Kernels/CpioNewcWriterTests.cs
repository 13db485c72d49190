using System.Text;
using ConnStorm.Kernels;
using ConnStorm.Running;
using ConnStorm.Tests.TestSupport;
using ConnStorm.Platform;

namespace ConnStorm.Tests.Kernels;

public sealed class CpioNewcWriterTests
{
    private static byte[] Archive(Action<CpioNewcWriter> fill)
    {
        var buffer = new MemoryStream();
        using (var cpio = new CpioNewcWriter(buffer, leaveOpen: true))
        {
            fill(cpio);
        }
        return buffer.ToArray();
    }

    private static byte[] Sample() => Archive(cpio =>
    {
        cpio.AddFile("init", Encoding.ASCII.GetBytes("#!/bin/sh\necho hi\n"), 0x1ED);
        cpio.AddFile("lib/x86_64-linux-gnu/odd", new byte[] { 1, 2, 3, 4, 5 });
        cpio.AddSymlink("bin/sh", "busybox");
        cpio.AddCharDevice("dev/console", 5, 1);
    });

    /// <summary>Lists an archive with a real cpio (GNU cpio or busybox's), verbosely.</summary>
    private static string List(string tool, IEnumerable<string> args, byte[] archive)
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("a.cpio"), archive);
        string archivePath = dir.File("a.cpio");
        var run = ProcessRunner.Run("sh", ["-c", $"{tool} {string.Join(' ', args)} < {archivePath}"], TimeSpan.FromSeconds(30));
        Assert.True(run.Succeeded, run.StdErr);
        return run.StdOut;
    }

    [Fact]
    public void Every_entry_and_the_whole_archive_end_on_a_four_byte_boundary_with_the_trailer_last()
    {
        var bytes = Sample();

        Assert.Equal(0, bytes.Length % 4);
        string text = Encoding.ASCII.GetString(bytes);
        Assert.StartsWith("070701", text);
        Assert.EndsWith("TRAILER!!!", text.TrimEnd('\0'));
    }

    [Fact]
    public void Missing_parent_directories_are_added_before_their_files()
    {
        string text = Encoding.ASCII.GetString(Sample());

        Assert.True(text.IndexOf("lib/x86_64-linux-gnu\0", StringComparison.Ordinal) < text.IndexOf("lib/x86_64-linux-gnu/odd", StringComparison.Ordinal));
        Assert.True(text.IndexOf("lib\0", StringComparison.Ordinal) < text.IndexOf("lib/x86_64-linux-gnu\0", StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_path_twice_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => Archive(cpio =>
        {
            cpio.AddFile("init", [1]);
            cpio.AddFile("/init", [2]);
        }));
    }

    [SkippableFact]
    public void GNU_cpio_lists_the_entries_with_their_types_sizes_and_link_targets()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "needs Linux");
        Skip.If(ProcessRunner.Run("cpio", ["--version"], TimeSpan.FromSeconds(10)).ExitCode == ProcessRunner.CouldNotStart,
            "GNU cpio is not installed (apt-get install cpio)");

        string listing = List("cpio", ["-t", "-v", "--quiet"], Sample());

        Assert.Matches(@"-rwxr-xr-x .* 18 .* init", listing);
        Assert.Matches(@"-rw-r--r-- .* 5 .* lib/x86_64-linux-gnu/odd", listing);
        Assert.Matches(@"lrwxrwxrwx .* bin/sh -> busybox", listing);
        Assert.Matches(@"crw------- .* 5,\s*1 .* dev/console", listing);
        Assert.Matches(@"drwxr-xr-x .* lib\n", listing);
    }

    [SkippableFact]
    public void Busybox_cpio_extracts_the_same_bytes_that_went_in()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "needs Linux");
        // busybox is the micro-VM's own cpio reader; without it there is no VM either.
        Skip.IfNot(File.Exists("/bin/busybox"), "busybox is not installed at /bin/busybox (apt-get install busybox-static)");
        using var dir = new TempDir();
        var content = Enumerable.Range(0, 1001).Select(i => (byte)(i * 7)).ToArray();
        File.WriteAllBytes(dir.File("a.cpio"), Archive(cpio => cpio.AddFile("deep/er/data.bin", content)));

        var run = ProcessRunner.Run("sh", ["-c", $"cd {dir.Path} && busybox cpio -i -d < a.cpio"], TimeSpan.FromSeconds(30));

        Assert.True(run.Succeeded, run.StdErr);
        Assert.Equal(content, File.ReadAllBytes(dir.File("deep/er/data.bin")));
    }
}
