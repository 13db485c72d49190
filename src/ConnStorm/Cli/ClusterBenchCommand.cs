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
        var command = new Command("cluster-bench", "Benchmark a cluster run: start nats-server and N agents on loopback; print ready time, start skew, coordinator CPU and memory per agent, time to the first connection, aggregate rate vs shards alone.")
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
