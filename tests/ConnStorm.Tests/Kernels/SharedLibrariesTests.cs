using ConnStorm.Kernels;

namespace ConnStorm.Tests.Kernels;

public sealed class SharedLibrariesTests
{
    [Fact]
    public void Ldd_output_gives_every_library_path_and_the_loader_but_not_the_vdso()
    {
        const string ldd = """
            	linux-vdso.so.1 (0x00007ffd2b5f3000)
            	libdl.so.2 => /lib/x86_64-linux-gnu/libdl.so.2 (0x00007f0b1c9e4000)
            	libstdc++.so.6 => /lib/x86_64-linux-gnu/libstdc++.so.6 (0x00007f0b1c800000)
            	libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f0b1c61e000)
            	/lib64/ld-linux-x86-64.so.2 (0x00007f0b1ca00000)
            """;

        Assert.Equal(
            ["/lib/x86_64-linux-gnu/libdl.so.2", "/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libc.so.6", "/lib64/ld-linux-x86-64.so.2"],
            SharedLibraries.Parse(ldd));
    }

    [Fact]
    public void A_library_ldd_cannot_find_is_an_error_naming_it()
    {
        var e = Assert.Throws<KernelException>(() => SharedLibraries.Parse("\tlibicu.so.72 => not found\n"));

        Assert.Contains("libicu.so.72", e.Message);
    }

    [Fact]
    public void The_release_folder_comes_from_the_payloads_kernel_release_when_it_is_a_plain_name()
    {
        Assert.Equal("6.12.117+deb12-cloud-amd64", KernelProbeRun.ReleaseOf("{\"kernel_release\":\"6.12.117+deb12-cloud-amd64\"}"u8.ToArray()));
        Assert.Null(KernelProbeRun.ReleaseOf("{\"kernel_release\":\"../../etc\"}"u8.ToArray()));
        Assert.Null(KernelProbeRun.ReleaseOf("not json"u8.ToArray()));
    }
}
