using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.UnitTests.Sessions;

/// <summary>The timer's phase is a function of the clock, the plan, and the host's pauses and skips.</summary>
public sealed class SessionTimerTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimerPlan Pomodoro = new(25, 5, 2);

    private static TimerPhase? At(int minutes, TimeSpan shift = default, DateTimeOffset? pausedAt = null) =>
        SessionTimer.PhaseAt(Pomodoro, Start, shift, pausedAt, Start.AddMinutes(minutes));

    [Fact]
    public void Focus_break_focus_then_done_with_no_break_after_the_last_focus()
    {
        Assert.Null(At(-1));
        Assert.Equal((TimerPhase.Focus, 0, Start, Start.AddMinutes(25)), Parts(At(0)));
        Assert.Equal((TimerPhase.Focus, 0, Start, Start.AddMinutes(25)), Parts(At(24)));
        Assert.Equal((TimerPhase.Break, 1, Start.AddMinutes(25), Start.AddMinutes(30)), Parts(At(25)));
        Assert.Equal((TimerPhase.Focus, 2, Start.AddMinutes(30), Start.AddMinutes(55)), Parts(At(30)));
        var done = At(55)!;
        Assert.Equal((TimerPhase.Done, 3, Start.AddMinutes(55), (DateTimeOffset?)null), (done.Kind, done.Index, done.StartsAt, done.EndsAt));
    }

    [Fact]
    public void A_pause_holds_the_phase_still_and_resuming_moves_every_later_boundary_on_by_its_length()
    {
        var pausedAt = Start.AddMinutes(10);
        var held = At(40, pausedAt: pausedAt)!;
        Assert.Equal((TimerPhase.Focus, 0, Start.AddMinutes(25), pausedAt), (held.Kind, held.Index, held.EndsAt!.Value, held.PausedAt));
        // Resumed at minute 40: 30 minutes behind the clock.
        Assert.Equal((TimerPhase.Focus, 0, Start.AddMinutes(30), Start.AddMinutes(55)), Parts(At(40, TimeSpan.FromMinutes(30))));
        Assert.Equal(TimerPhase.Break, At(55, TimeSpan.FromMinutes(30))!.Kind);
    }

    [Fact]
    public void A_skip_starts_the_next_phase_now()
    {
        // At minute 10 the host skips the 15 minutes left of the first focus.
        var skipped = At(10, TimeSpan.FromMinutes(-15))!;
        Assert.Equal((TimerPhase.Break, 1, Start.AddMinutes(10), Start.AddMinutes(15)), Parts(skipped));
    }

    [Fact]
    public void Without_breaks_the_focus_phases_follow_each_other()
    {
        var plan = new TimerPlan(50, 0, 3);
        var second = SessionTimer.PhaseAt(plan, Start, TimeSpan.Zero, null, Start.AddMinutes(50))!;
        Assert.Equal((TimerPhase.Focus, 2, Start.AddMinutes(50)), (second.Kind, second.Index, second.StartsAt));
        Assert.Equal(TimerPhase.Done, SessionTimer.PhaseAt(plan, Start, TimeSpan.Zero, null, Start.AddMinutes(150))!.Kind);
    }

    private static (string, int, DateTimeOffset, DateTimeOffset) Parts(TimerPhase? phase) => (phase!.Kind, phase.Index, phase.StartsAt, phase.EndsAt!.Value);
}
