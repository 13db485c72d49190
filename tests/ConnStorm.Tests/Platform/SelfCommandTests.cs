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
}
