using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Grains.Sessions;

namespace DeepWorkMap.UnitTests.Sessions;

/// <summary>The host's pause, resume and skip, and what phase the timer is in after them.</summary>
public sealed class TimerControlTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimerPlan Pomodoro = new(25, 5, 2);
    private static readonly TimerControl Fresh = new(TimeSpan.Zero, null, null);

    private static TimerPhase PhaseAt(TimerControl timer, DateTimeOffset at) => SessionTimer.PhaseAt(Pomodoro, Start, timer.Shift, timer.PausedAt, at)!;

    private static TimerControl Do(TimerControl timer, string command, DateTimeOffset at) => timer.After(command, PhaseAt(timer, at), at)!;

    [Fact]
    public void A_pause_holds_the_phase_and_a_resume_moves_its_end_on_by_the_pause()
    {
        var paused = Do(Fresh, TimerCommands.Pause, Start.AddMinutes(10));
        Assert.Equal(Start.AddMinutes(10), paused.PausedAt);
        Assert.Equal(TimerPhase.Focus, PhaseAt(paused, Start.AddMinutes(40)).Kind);

        var resumed = Do(paused, TimerCommands.Resume, Start.AddMinutes(40));
        Assert.Equal((TimeSpan.FromMinutes(30), (DateTimeOffset?)null, (DateTimeOffset?)Start.AddMinutes(40)), (resumed.Shift, resumed.PausedAt, resumed.RestartedAt));
        Assert.Equal(Start.AddMinutes(55), PhaseAt(resumed, Start.AddMinutes(40)).EndsAt);
    }

    [Fact]
    public void A_skip_starts_the_next_phase_at_once_and_a_paused_timer_stays_paused_there()
    {
        var skipped = Do(Fresh, TimerCommands.Skip, Start.AddMinutes(10));
        var phase = PhaseAt(skipped, Start.AddMinutes(10));
        Assert.Equal((TimerPhase.Break, Start.AddMinutes(10)), (phase.Kind, phase.StartsAt));

        var paused = Do(Fresh, TimerCommands.Pause, Start.AddMinutes(10));
        var skippedWhilePaused = Do(paused, TimerCommands.Skip, Start.AddMinutes(12));
        Assert.Equal(paused.PausedAt, skippedWhilePaused.PausedAt);
        Assert.Equal(TimerPhase.Break, PhaseAt(skippedWhilePaused, Start.AddMinutes(50)).Kind);
    }

    [Fact]
    public void Pausing_a_paused_timer_or_resuming_a_running_one_changes_nothing()
    {
        var paused = Do(Fresh, TimerCommands.Pause, Start.AddMinutes(10));
        Assert.Null(paused.After(TimerCommands.Pause, PhaseAt(paused, Start.AddMinutes(11)), Start.AddMinutes(11)));
        Assert.Null(Fresh.After(TimerCommands.Resume, PhaseAt(Fresh, Start.AddMinutes(11)), Start.AddMinutes(11)));
    }
}
