namespace ConnStorm.Tests.TestSupport;

internal static class SweepText
{
    /// <summary>Four targets, two source IPs, a 100-port lab range; lines 8-14 are the sweep.</summary>
    public const string Full = """
        name: sweep
        lab:
          sysctl:
            net.ipv4.ip_local_port_range: "40000 40099"
        targets: ["127.0.0.1:9000-9003"]
        client:
          source_ips: ["127.0.0.1-127.0.0.2"]
        sweep:
          port_range: ["40000 40999", "40000-43999"]
          targets: [1, 4]
          source_ips: [1, 2]
          variants:
            connect: { bind_before_connect: false }
            bind: { bind_before_connect: true }
        """;

    /// <summary>One target, no source IPs, an empty lab; the tail starts on line 4 (sweep:).</summary>
    public static string WithSweep(string sweepBody) => ScenarioText.Minimal + "\nlab: {}\nsweep:\n" + sweepBody + "\n";
}
