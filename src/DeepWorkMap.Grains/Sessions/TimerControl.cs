using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Grains.Sessions;

/// <summary>
/// What the host's pause, resume and skip do to the shared timer, which stores no ticking state: only how far pauses held
/// it back and skips moved it on (<see cref="Shift"/>), whether it is paused, and since when it runs as it does.
/// <see cref="SessionTimer.PhaseAt"/> works the phase out from these.
/// </summary>
public sealed record TimerControl(TimeSpan Shift, DateTimeOffset? PausedAt, DateTimeOffset? RestartedAt)
{
    /// <summary>
    /// The timer after <paramref name="command"/> at <paramref name="now"/> during <paramref name="phase"/> (one that is
    /// running or paused, not done); null when it changes nothing (pausing a paused timer, resuming a running one).
    /// </summary>
    public TimerControl? After(string command, TimerPhase phase, DateTimeOffset now) => command switch
    {
        TimerCommands.Pause when PausedAt is null => this with { PausedAt = now },
        TimerCommands.Resume when PausedAt is { } paused => new TimerControl(Shift + (now - paused), null, now),
        // The timer jumps to the start of the next phase; a paused one stays paused there.
        TimerCommands.Skip => this with { Shift = Shift - (phase.EndsAt!.Value - (PausedAt ?? now)) },
        _ => null,
    };
}
