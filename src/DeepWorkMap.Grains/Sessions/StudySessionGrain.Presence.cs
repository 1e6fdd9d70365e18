using DeepWorkMap.Contracts.Live;
using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Grains.Sessions;

/// <summary>
/// Who is here: each front door reports its connections holding the session (active or away) and renews the report;
/// the session combines the reports, the timer's phase and the leases into each participant's presence, and pushes
/// every change. Presence lives in memory only: after a move, the front doors' next renewal rebuilds it.
/// </summary>
public sealed partial class StudySessionGrain
{
    /// <summary>A report not renewed for this long is dropped: a front door that died takes its users offline.</summary>
    public static readonly TimeSpan PresenceLease = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan PresenceSweep = TimeSpan.FromSeconds(2);

    /// <summary>A front door's last report, and when its lease ends by the machine's monotonic clock (a lease is about silence, not session time).</summary>
    private sealed record FrontDoorReport(IReadOnlyDictionary<Guid, PresenceReport> Users, long LeaseEndsMs)
    {
        public bool Holds => Environment.TickCount64 < LeaseEndsMs;
    }

    // Made when the first report comes: most sessions a silo holds have nobody looking.
    private Dictionary<ISessionObserver, FrontDoorReport>? _reports;
    private Dictionary<Guid, string>? _presencePushed;
    private IGrainTimer? _presenceSweep;

    public Task ReportPresence(ISessionObserver frontDoor, IReadOnlyDictionary<Guid, PresenceReport> presence)
    {
        if (!Found()) return Task.CompletedTask;
        AccountFocus();
        if (presence.Count == 0) _reports?.Remove(frontDoor);
        else (_reports ??= [])[frontDoor] = new FrontDoorReport(presence, Environment.TickCount64 + (long)PresenceLease.TotalMilliseconds);
        PushPresenceChanges();
        _presenceSweep ??= this.RegisterGrainTimer(SweepPresence, new GrainTimerCreationOptions(PresenceSweep, PresenceSweep));
        return Task.CompletedTask;
    }

    /// <summary>A participant's presence now: offline unless a live report holds them.</summary>
    private string PresenceOf(Guid userId, TimerPhase? phase)
    {
        if (!state.State.Participants.ContainsKey(userId)) return PresenceStates.Offline;
        var (reported, activeSince) = LiveReportOf(userId);
        if (!reported) return PresenceStates.Offline;
        if (activeSince is null) return PresenceStates.Away;
        return phase?.Kind switch
        {
            TimerPhase.Focus when phase.PausedAt is null => PresenceStates.Focusing,
            TimerPhase.Break when phase.PausedAt is null => PresenceStates.Break,
            _ => PresenceStates.Online,
        };
    }

    /// <summary>
    /// What the front doors whose leases hold say of <paramref name="userId"/>: whether any holds them, and since when
    /// the earliest of those that say active (none: away). Without a list or an iterator: every sweep asks it of every
    /// participant, twice.
    /// </summary>
    private (bool Reported, DateTimeOffset? ActiveSince) LiveReportOf(Guid userId)
    {
        var reported = false;
        DateTimeOffset? activeSince = null;
        if (_reports is null) return (reported, activeSince);
        foreach (var frontDoor in _reports.Values)
        {
            if (!frontDoor.Holds || !frontDoor.Users.TryGetValue(userId, out var report)) continue;
            reported = true;
            if (report.IsActive && (activeSince is null || report.Since < activeSince)) activeSince = report.Since;
        }
        return (reported, activeSince);
    }

    /// <summary>Pushes each participant whose presence differs from what was last pushed (the phase may be given as of a boundary).</summary>
    private void PushPresenceChanges(TimerPhase? phase = null)
    {
        phase ??= Phase();
        foreach (var userId in state.State.Participants.Keys) PushPresenceChange(userId, phase);
        // Those pushed as present who are no longer participants go offline.
        List<Guid>? left = null;
        if (_presencePushed is { } pushed)
            foreach (var userId in pushed.Keys)
                if (!state.State.Participants.ContainsKey(userId)) (left ??= []).Add(userId);
        if (left is not null) foreach (var userId in left) PushPresenceChange(userId, phase);
    }

    private void PushPresenceChange(Guid userId, TimerPhase? phase)
    {
        var now = PresenceOf(userId, phase);
        if ((_presencePushed?.GetValueOrDefault(userId) ?? PresenceStates.Offline) == now) return;
        if (now == PresenceStates.Offline) _presencePushed?.Remove(userId);
        else (_presencePushed ??= [])[userId] = now;
        _watchers.Notify(watcher => { _ = watcher.PresenceChanged(Id, userId, now); });
    }

    private Task SweepPresence(CancellationToken cancellationToken)
    {
        AccountFocus();
        foreach (var silent in _reports?.Where(r => !r.Value.Holds).Select(r => r.Key).ToList() ?? []) _reports!.Remove(silent);
        PushPresenceChanges();
        StartWritingFocus();
        if (_reports is not { Count: > 0 } && _presencePushed is not { Count: > 0 } && FocusTime.IsIdle)
        {
            _presenceSweep?.Dispose();
            _presenceSweep = null;
        }
        return Task.CompletedTask;
    }

    /// <summary>The participants list with each one's presence (computed, never stored).</summary>
    private IReadOnlyList<ParticipantEntry> WithPresence(IReadOnlyList<ParticipantEntry> participants)
    {
        var phase = Phase();
        return participants.Select(p => p with { Presence = PresenceOf(p.UserId, phase) }).ToList();
    }
}
