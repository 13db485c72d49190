using ConnStorm.Platform;

namespace ConnStorm.Tests.Platform;

public sealed class SelfCommandTests
{
    [Fact]
    public void The_apphost_next_to_the_assemblies_is_started_directly()
    {
        // The test output holds connstorm's apphost, copied with the project reference.
        var (file, prefix) = SelfCommand.Resolve();

        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "connstorm"), file);
        Assert.Empty(prefix);
    }

    [Fact]
    public void The_command_arguments_follow_the_prefix_in_order()
    {
        var psi = SelfCommand.StartInfo(["worker", "--flag", "a b"]);

        Assert.Equal(["worker", "--flag", "a b"], psi.ArgumentList.TakeLast(3));
    }

    [AotWorkerFact]
    public void Workers_and_sinks_start_from_the_aot_binary_next_to_the_apphost_with_the_same_arguments()
    {
        var psi = SelfCommand.Worker(["sink", "--listen", "127.0.0.1:9000"]);

        Assert.Equal(AotWorkerFactAttribute.BinaryPath, psi.FileName);
        Assert.Equal(["sink", "--listen", "127.0.0.1:9000"], psi.ArgumentList);
        Assert.Equal(SelfCommand.AotBuild, SelfCommand.WorkerBuild);
    }

    [Fact]
    public void Without_the_aot_binary_or_when_asked_for_jit_workers_are_connstorm_itself()
    {
        using var dir = new TempDir();
        Assert.Null(SelfCommand.AotWorkerIn(dir.Path, null));

        File.WriteAllText(Path.Combine(dir.Path, SelfCommand.WorkerBinary), "");
        Assert.Equal(Path.Combine(dir.Path, SelfCommand.WorkerBinary), SelfCommand.AotWorkerIn(dir.Path, null));
        Assert.Null(SelfCommand.AotWorkerIn(dir.Path, "jit"));
        Assert.Null(SelfCommand.AotWorkerIn(dir.Path, "JIT"));
    }
}
