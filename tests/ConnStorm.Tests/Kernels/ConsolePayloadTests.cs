using System.Security.Cryptography;
using System.Text;
using ConnStorm.Kernels;

namespace ConnStorm.Tests.Kernels;

public sealed class ConsolePayloadTests
{
    private const string Json = "{\"kernel_release\": \"6.1.0-56-cloud-amd64\", \"probes\": [1, 2, 3]}";

    private static string Base64Lines(string text, int width = 20)
    {
        string b64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        return string.Join("\r\n", b64.Chunk(width).Select(c => new string(c)));
    }

    private static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void The_payload_comes_back_intact_through_kernel_noise_and_carriage_returns()
    {
        string console = string.Join("\r\n",
            "[    0.000000] Linux version 6.1.0-56-cloud-amd64",
            "[    1.234567] Run /init as init process",
            "=====CONNSTORM-EXIT 0=====",
            $"=====CONNSTORM-SHA256 {Sha(Json)}=====",
            ConsolePayload.BeginMarker,
            Base64Lines(Json).Replace("\r\n", "\r\n[    5.100000] random: crng init done\r\n", StringComparison.Ordinal),
            ConsolePayload.EndMarker,
            "[    6.000000] reboot: Power down",
            "");

        var reading = ConsolePayload.Extract(console);

        Assert.True(reading.Succeeded, reading.Failure);
        Assert.Equal(Json, Encoding.UTF8.GetString(reading.Payload!));
        Assert.Equal(0, reading.GuestExitCode);
    }

    [Fact]
    public void A_missing_end_marker_is_a_failure_that_shows_the_last_console_lines()
    {
        string console = $"booting\n{ConsolePayload.BeginMarker}\n{Base64Lines(Json)}\nlast words\n";

        var reading = ConsolePayload.Extract(console);

        Assert.False(reading.Succeeded);
        Assert.Contains("no end marker", reading.Failure);
        Assert.Contains("last words", reading.Failure);
    }

    [Fact]
    public void A_kernel_panic_is_reported_with_its_panic_line()
    {
        string console = string.Join('\n',
            "[    1.0] Run /init as init process",
            "[    1.1] Kernel panic - not syncing: No working init found.  Try passing init= option to kernel.",
            "[    1.2] ---[ end Kernel panic - not syncing: No working init found. ]---");

        var reading = ConsolePayload.Extract(console);

        Assert.False(reading.Succeeded);
        Assert.Contains("Kernel panic - not syncing: No working init found", reading.PanicLine);
        Assert.StartsWith("kernel panic: ", reading.Failure);
    }

    [Fact]
    public void An_empty_console_says_the_VM_wrote_nothing()
    {
        var reading = ConsolePayload.Extract("  \n");

        Assert.Contains("wrote nothing", reading.Failure);
    }

    [Fact]
    public void A_payload_whose_checksum_does_not_match_is_refused_as_corrupt()
    {
        string console = $"=====CONNSTORM-SHA256 {Sha("something else")}=====\n{ConsolePayload.BeginMarker}\n{Base64Lines(Json)}\n{ConsolePayload.EndMarker}\n";

        var reading = ConsolePayload.Extract(console);

        Assert.False(reading.Succeeded);
        Assert.Contains("SHA-256", reading.Failure);
    }

    [Fact]
    public void The_markers_the_init_script_prints_are_the_ones_the_extractor_looks_for()
    {
        string init = InitScript.Render(InitScript.CatalogueCommand, TimeSpan.FromSeconds(180));

        Assert.Contains($"echo \"{ConsolePayload.BeginMarker}\"", init);
        Assert.Contains($"echo \"{ConsolePayload.EndMarker}\"", init);
        Assert.Contains(ConsolePayload.ChecksumPrefix, init);
        Assert.Contains("timeout -s KILL 180 /connstorm probe --in-place --out /out", init);
        Assert.EndsWith("poweroff -f\n", init);
    }
}
