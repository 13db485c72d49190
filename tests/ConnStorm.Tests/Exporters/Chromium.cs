using System.Diagnostics;

namespace ConnStorm.Tests.Exporters;

/// <summary>Headless Chromium (Debian package chromium), to see a page as a person would: its DOM after parsing, and a screenshot.</summary>
internal static class Chromium
{
    public static string? Find() =>
        new[] { "chromium", "chromium-browser" }
            .SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);

    /// <summary>The DOM of <paramref name="page"/> as Chromium parsed it.</summary>
    public static string DumpDom(string chromium, string page) => Run(chromium, "--dump-dom", page);

    /// <summary>Renders <paramref name="page"/> at 1400×2400 into <paramref name="png"/>.</summary>
    public static void Screenshot(string chromium, string page, string png) => Run(chromium, $"--screenshot={png}", page);

    private static string Run(string chromium, string action, string page)
    {
        var profile = Directory.CreateTempSubdirectory("connstorm-chromium-");
        try
        {
            var start = new ProcessStartInfo(chromium)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            // No network at all: no sandbox (tests run as root), no background fetches, offline file:// only.
            foreach (var arg in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                $"--user-data-dir={profile.FullName}", "--window-size=1400,2400", action, new Uri(page).AbsoluteUri,
            })
            {
                start.ArgumentList.Add(arg);
            }
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"chromium {action} did not finish within 90 s");
            }
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"chromium {action} exited {process.ExitCode}: {stderr.Result}");
            }
            return stdout.Result;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
