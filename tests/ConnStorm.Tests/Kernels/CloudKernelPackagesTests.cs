using ConnStorm.Kernels;

namespace ConnStorm.Tests.Kernels;

public sealed class CloudKernelPackagesTests
{
    // As `apt-cache search linux-image | grep cloud` printed it on Debian 12 (abridged, in its order).
    private const string AptCacheSearch = """
        linux-image-6.1.0-47-cloud-amd64-dbg - Debug symbols for linux-image-6.1.0-47-cloud-amd64
        linux-image-6.1.0-47-cloud-amd64-unsigned - Linux 6.1 for x86-64 cloud
        linux-image-cloud-amd64-dbg - Debugging symbols for Linux cloud-amd64 configuration (meta-package)
        linux-image-6.1.0-9-cloud-amd64 - Linux 6.1 for x86-64 cloud (signed)
        linux-image-6.1.0-50-cloud-amd64 - Linux 6.1 for x86-64 cloud (signed)
        linux-image-cloud-amd64 - Linux for x86-64 cloud (meta-package)
        linux-image-6.12-cloud-amd64 - Linux for x86-64 cloud (meta-package)
        linux-image-6.12.100+deb12-cloud-amd64 - Linux 6.12 for x86-64 cloud (signed)
        linux-image-6.12.117+deb12-cloud-amd64 - Linux 6.12 for x86-64 cloud (signed)
        linux-image-6.12.117+deb12-cloud-amd64-unsigned - Linux 6.12 for x86-64 cloud
        linux-image-6.12.9+bpo-cloud-amd64 - Linux 6.12 for x86-64 cloud (signed)
        linux-image-6.1.0-56-cloud-amd64 - Linux 6.1 for x86-64 cloud (signed)
        linux-image-6.1.0-48-cloud-amd64 - Linux 6.1 for x86-64 cloud (signed)
        """;

    private static readonly IReadOnlyList<CloudKernelPackage> Packages = CloudKernelPackages.Parse(AptCacheSearch);

    [Fact]
    public void Only_concrete_signed_images_are_candidates_not_meta_dbg_or_unsigned_packages()
    {
        Assert.Equal(7, Packages.Count);
        Assert.DoesNotContain(Packages, p => p.Name.EndsWith("-dbg", StringComparison.Ordinal) || p.Name.EndsWith("-unsigned", StringComparison.Ordinal));
        Assert.DoesNotContain(Packages, p => p.Name is "linux-image-cloud-amd64" or "linux-image-6.12-cloud-amd64");
    }

    [Fact]
    public void Version_6_1_takes_the_newest_6_1_by_number_not_by_text_and_never_a_6_12()
    {
        var newest = CloudKernelPackages.Newest(Packages, "6.1");

        Assert.Equal("linux-image-6.1.0-56-cloud-amd64", newest?.Name);
        Assert.Equal("6.1.0-56-cloud-amd64", newest?.Release);
    }

    [Fact]
    public void Version_6_12_takes_the_newest_6_12_point_release()
    {
        Assert.Equal("linux-image-6.12.117+deb12-cloud-amd64", CloudKernelPackages.Newest(Packages, "6.12")?.Name);
    }

    [Fact]
    public void A_full_version_picks_exactly_that_point_release()
    {
        Assert.Equal("6.12.9+bpo-cloud-amd64", CloudKernelPackages.Newest(Packages, "6.12.9")?.Release);
    }

    [Fact]
    public void A_version_with_no_package_gives_nothing()
    {
        Assert.Null(CloudKernelPackages.Newest(Packages, "5.10"));
        Assert.Null(CloudKernelPackages.Newest(Packages, "6.2"));
    }

    [Fact]
    public void The_kernel_release_is_read_from_a_debian_vmlinuz_file_name()
    {
        Assert.Equal("6.1.0-56-cloud-amd64", KernelFetcher.ReleaseFromFileName("/k/vmlinuz-6.1.0-56-cloud-amd64"));
        Assert.Null(KernelFetcher.ReleaseFromFileName("/k/bzImage"));
    }
}
