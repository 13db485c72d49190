using ConnStorm.Sink;

namespace ConnStorm.Tests.Sink;

public sealed class AcceptPauseTests
{
    [Fact]
    public void A_pause_lasts_its_duration_and_then_ends_once()
    {
        var pause = new AcceptPause(TimeSpan.FromMilliseconds(100));
        pause.Begin(1000);
        Assert.True(pause.IsPaused);
        Assert.False(pause.TryEnd(1099));
        Assert.True(pause.TryEnd(1100));
        Assert.False(pause.IsPaused);
        Assert.False(pause.TryEnd(1200));
    }

    [Fact]
    public void Repeated_pauses_without_a_successful_accept_are_one_episode_logged_once()
    {
        var pause = new AcceptPause(TimeSpan.FromMilliseconds(100));
        Assert.True(pause.Begin(0));
        pause.TryEnd(100);
        Assert.False(pause.Begin(100));
        pause.TryEnd(200);
        Assert.False(pause.Begin(200));
        Assert.Equal(3, pause.Pauses);
        Assert.Equal(1, pause.Episodes);
    }

    [Fact]
    public void A_successful_accept_ends_the_episode_so_the_next_shortage_is_logged_again()
    {
        var pause = new AcceptPause(TimeSpan.FromMilliseconds(100));
        Assert.True(pause.Begin(0));
        pause.TryEnd(100);
        pause.AcceptSucceeded();
        Assert.True(pause.Begin(500));
        Assert.Equal(2, pause.Episodes);
    }

    [Fact]
    public void The_loop_never_sleeps_past_the_end_of_a_pause()
    {
        var pause = new AcceptPause(TimeSpan.FromMilliseconds(100));
        Assert.Equal(100, pause.WaitBudgetMs(0, 100));
        pause.Begin(0);
        Assert.Equal(30, pause.WaitBudgetMs(70, 100));
        Assert.Equal(0, pause.WaitBudgetMs(150, 100));
    }
}
