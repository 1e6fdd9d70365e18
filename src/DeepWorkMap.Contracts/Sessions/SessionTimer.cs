namespace DeepWorkMap.Contracts.Sessions;

/// <summary>
/// A timer's phase, worked out from the session's start, its plan, and how far the host's pauses held it back and
/// skips moved it on: there is no ticking state to drift or to lose with a silo.
/// </summary>
public static class SessionTimer
{
    /// <param name="shift">Time the timer is behind the clock: pauses add to it, skips take from it.</param>
    /// <param name="pausedAt">When the current pause began, if the timer is paused.</param>
    public static TimerPhase? PhaseAt(TimerPlan plan, DateTimeOffset start, TimeSpan shift, DateTimeOffset? pausedAt, DateTimeOffset now)
    {
        // A paused timer stands where it was paused: its phase is read at that moment, and stays still.
        if (pausedAt is { } paused && now > paused) now = paused;
        var elapsed = now - start - shift;
        if (elapsed < TimeSpan.Zero) return null;
        // Wall-clock time of a moment of timer time, as things stand.
        DateTimeOffset At(TimeSpan timerTime) => start + shift + timerTime;
        var phaseStart = TimeSpan.Zero;
        for (var index = 0; index < plan.Cycles * 2 - 1; index++)
        {
            var isFocus = index % 2 == 0;
            var length = TimeSpan.FromMinutes(isFocus ? plan.FocusMinutes : plan.BreakMinutes);
            if (elapsed < phaseStart + length)
                return new TimerPhase(isFocus ? TimerPhase.Focus : TimerPhase.Break, index, At(phaseStart), At(phaseStart + length), pausedAt);
            phaseStart += length;
        }
        return new TimerPhase(TimerPhase.Done, plan.Cycles * 2 - 1, At(phaseStart), null, pausedAt);
    }
}
