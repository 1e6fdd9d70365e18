using DeepWorkMap.Contracts;
using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Grains.Sessions;

/// <summary>
/// The focus room: a shared timer whose phase is worked out from the clock (see <see cref="SessionTimer"/>), pushed to
/// subscribers at each boundary by a grain timer, and each participant's goal.
/// </summary>
public sealed partial class StudySessionGrain
{
    public const int MaxGoalLength = 140;

    private IGrainTimer? _boundary;

    /// <summary>The boundary the grain timer is armed for.</summary>
    private DateTimeOffset _boundaryAt;

    public async Task<SessionOutcome> SetTimer(Guid userId, TimerPlan? plan)
    {
        if (RefusalToHost(userId) is { } refused) return refused;
        AccountFocus();
        state.State.Timer = plan;
        state.State.TimerShift = TimeSpan.Zero;
        state.State.TimerPausedAt = null;
        state.State.TimerRestartedAt = clock.GetUtcNow();
        await TimerChanged();
        // The plan is part of the session: phaseChanged says only where it stands, which is nothing before the start.
        var shown = Snapshot() with { InviteCode = null };
        _watchers.Notify(watcher => { _ = watcher.SessionChanged(shown); });
        return SessionOutcome.Ok(SnapshotFor(userId));
    }

    public async Task<SessionOutcome> ControlTimer(Guid userId, string command)
    {
        if (RefusalToHost(userId) is { } refused) return refused;
        if (Phase() is not { } phase || phase.Kind == TimerPhase.Done) return SessionOutcome.Fail(ErrorCodes.TimerNotRunning, SnapshotFor(userId));
        AccountFocus();
        var timer = new TimerControl(state.State.TimerShift, state.State.TimerPausedAt, state.State.TimerRestartedAt);
        if (timer.After(command, phase, clock.GetUtcNow()) is not { } after) return SessionOutcome.Ok(SnapshotFor(userId));
        (state.State.TimerShift, state.State.TimerPausedAt, state.State.TimerRestartedAt) = after;
        await TimerChanged();
        return SessionOutcome.Ok(SnapshotFor(userId));
    }

    public async Task<SessionOutcome> SetGoal(Guid userId, string? text, bool done)
    {
        if (!ExistsFor(userId)) return SessionOutcome.Fail(ErrorCodes.NotFound);
        var current = SnapshotFor(userId);
        if (Admission.OverRefusal(current.Status) is { } over) return SessionOutcome.Fail(over, current);
        if (!state.State.Participants.TryGetValue(userId, out var entry)) return SessionOutcome.Fail(ErrorCodes.NotParticipant, current);
        var goal = text is null ? null : new SessionGoal(text, done, clock.GetUtcNow());
        state.State.Participants[userId] = entry with { Goal = goal };
        await Save();
        _watchers.Notify(watcher => { _ = watcher.GoalChanged(Id, userId, goal); });
        return SessionOutcome.Ok(SnapshotFor(userId));
    }

    private SessionOutcome? RefusalToHost(Guid userId)
    {
        if (!ExistsFor(userId)) return SessionOutcome.Fail(ErrorCodes.NotFound);
        var current = SnapshotFor(userId);
        if (userId != current.HostId) return SessionOutcome.Fail(ErrorCodes.NotHost, current);
        return Admission.OverRefusal(current.Status) is { } over ? SessionOutcome.Fail(over, current) : null;
    }

    private async Task TimerChanged()
    {
        state.State.UpdatedAt = clock.GetUtcNow();
        await Save();
        var phase = Phase();
        _watchers.Notify(watcher => { _ = watcher.PhaseChanged(Id, phase); });
        PushPresenceChanges(phase);
        ArmBoundary();
    }

    private TimerPhase? Phase(DateTimeOffset? at = null) => state.State.Timer is { } plan
        ? SessionTimer.PhaseAt(plan, state.State.Facts!.StartTime, state.State.TimerShift, state.State.TimerPausedAt, at ?? clock.GetUtcNow())
        : null;

    /// <summary>
    /// Wakes this activation at the timer's next boundary after <paramref name="from"/> (the start, or the end of the
    /// phase), to push it.
    /// </summary>
    private void ArmBoundary(DateTimeOffset? from = null)
    {
        _boundary?.Dispose();
        _boundary = null;
        if (state.State.Timer is null || state.State.TimerPausedAt is not null || SessionStatuses.IsOver(Snapshot().Status)) return;
        var now = from ?? clock.GetUtcNow();
        var next = Phase(now) is { } phase ? phase.EndsAt : state.State.Facts!.StartTime + state.State.TimerShift;
        if (next is not { } at) return;
        _boundaryAt = at;
        _boundary = this.RegisterGrainTimer(OnBoundary, new GrainTimerCreationOptions(Max(at - clock.GetUtcNow(), TimeSpan.Zero), Timeout.InfiniteTimeSpan));
    }

    /// <summary>
    /// A timer may fire a little early: the phase pushed is the one that begins at the boundary it was armed for,
    /// and the next boundary is counted from there.
    /// </summary>
    private Task OnBoundary(CancellationToken cancellationToken)
    {
        var at = Max(clock.GetUtcNow(), _boundaryAt);
        var phase = Phase(at);
        _watchers.Notify(watcher => { _ = watcher.PhaseChanged(Id, phase); });
        PushPresenceChanges(phase);
        ArmBoundary(at);
        return Task.CompletedTask;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
