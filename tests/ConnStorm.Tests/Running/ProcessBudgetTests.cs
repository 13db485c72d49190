using ConnStorm.Running;
using static ConnStorm.Tests.TestSupport.ScenarioText;

namespace ConnStorm.Tests.Running;

public sealed class ProcessBudgetTests
{
    private static readonly int Cores = Math.Max(1, Environment.ProcessorCount);

    private static ProcessBudget For(string load, ulong? fds = null, int? workers = null) =>
        ProcessBudget.For(Parse(Minimal + "\nsink:\n  listen: [\"127.0.0.1:9000\"]\n  mode: no-accept\nload:\n" + load), fds, workers);

    [Fact]
    public void A_run_of_a_few_hundred_connections_stays_on_one_worker()
    {
        Assert.Equal(1, For("  connections: 300\n").Workers);
    }

    [Fact]
    public void A_run_the_descriptor_limit_does_not_split_still_puts_workers_on_every_core()
    {
        int wanted = ProcessBudget.WorkersPerCore * Cores;
        long connections = (long)wanted * ProcessBudget.MinConnectionsPerCoreWorker;
        var budget = For($"  connections: {connections}\n");

        Assert.True(budget.ConnectionsPerProcess >= connections, "the descriptor limit alone would split this run");
        Assert.Equal(wanted, budget.Workers);
        Assert.Equal(0, budget.ConnectingAtOnce);
    }

    [Fact]
    public void Workers_given_on_the_command_line_override_the_cores()
    {
        Assert.Equal(1, For("  connections: 100000\n", workers: 1).Workers);
    }

    [Fact]
    public void A_hold_with_many_workers_per_core_connects_one_worker_per_core_at_a_time()
    {
        var budget = For("  connections: 100000\n", fds: 1024);

        Assert.True(budget.Workers > ProcessBudget.TurnsFromWorkersPerCore * Cores, $"{budget.Workers} worker(s) for {Cores} core(s)");
        Assert.Equal(Cores, budget.ConnectingAtOnce);
    }

    [Fact]
    public void A_hold_with_a_few_workers_per_core_lets_them_all_connect_at_once()
    {
        var budget = For("  connections: 100000\n", fds: (ulong)(100000 / (ProcessBudget.TurnsFromWorkersPerCore * Cores) + 2000));

        Assert.InRange(budget.Workers, Cores + 1, ProcessBudget.TurnsFromWorkersPerCore * Cores);
        Assert.Equal(0, budget.ConnectingAtOnce);
    }

    [Theory]
    [InlineData("  connections: 100000\n  rate: 5000\n")]
    [InlineData("  mode: churn\n  duration: 2s\n  concurrency: 100000\n")]
    public void A_paced_run_or_a_churn_lets_every_worker_connect_from_the_start(string load)
    {
        var budget = For(load, fds: 1024);

        Assert.True(budget.Workers > Cores, $"{budget.Workers} worker(s) for {Cores} core(s)");
        Assert.Equal(0, budget.ConnectingAtOnce);
    }
}
