using System.CommandLine;
using System.Runtime.Versioning;
using ConnStorm.Benchmarks;
using ConnStorm.Platform;

namespace ConnStorm.Cli;

/// <summary><c>connstorm cluster-bench [--agents N]</c>: a cluster of agents on loopback, measured.</summary>
[SupportedOSPlatform("linux")]
internal static class ClusterBenchCommand
{
    private static readonly Option<int> AgentsOption = new Option<int>("--agents")
    {
        Description = "Agents to start on loopback (each a `connstorm agent` process), 1 to 200.",
        DefaultValueFactory = _ => 50,
    }.AtLeast(1);

    private static readonly Option<int> PerAgentOption = new Option<int>("--per-agent")
    {
        Description = "Connection attempts per agent in the cluster run, at least 1.",
        DefaultValueFactory = _ => 100,
    }.AtLeast(1);

    private static readonly Option<int> AloneOption = new Option<int>("--alone")
    {
        Description = "Shards run again alone afterwards to compare rates (their mean times the agents is the sum); 0 skips it.",
        DefaultValueFactory = _ => 5,
    }.AtLeast(0);

    public static Command Create()
    {
        var command = new Command("cluster-bench", """
            Benchmark a cluster run: start nats-server and N agents on loopback, run one cluster run with this process as the coordinator, then --alone shards alone. Prints, one line each and in this order:
              agents ready: N in S s
              start skew between hosts (coordinator clock): X ms   max - min over the hosts of when each one's first connect() began (manifest first_attempt_utc minus the host's measured clock offset)
                first attempt vs planned start: min, p50 (nearest rank), max of each host's lateness against the common start
                go (t = 0 of each host) vs planned start: the same for each host's t = 0 (connect_started_utc); the workers wait for it themselves, so it is the start as each host understood it
                first attempt on the one machine clock (offsets not applied): the first-attempt figures without the offsets; all agents share this machine's clock, so the difference is the offset measurement's error
              coordinator CPU (per agent, in all) and peak memory (per agent)
              time from the run's start to the first connection
              cluster aggregate connect rate
              sum of shards alone (when --alone > 0) and cluster / sum
            """)
        {
            AgentsOption, PerAgentOption, AloneOption,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(AgentsOption) > 200)
            {
                Console.Error.WriteLine("connstorm cluster-bench: --agents: at most 200");
                return Errors.ExitCodes.BadInput;
            }
            using var signals = ShutdownSignals.Listen();
            var bench = new ClusterBench(parse.GetValue(AgentsOption), parse.GetValue(PerAgentOption), parse.GetValue(AloneOption), Console.Out);
            return HandlerGuard.Run("connstorm cluster-bench", () => bench.RunAsync(signals.Token).GetAwaiter().GetResult());
        });
        return command;
    }
}
