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

    private readonly Dictionary<ISessionObserver, (IReadOnlyDictionary<Guid, string> Users, DateTimeOffset Expires)> _reports = [];
    private readonly Dictionary<Guid, string> _presencePushed = [];
    private IGrainTimer? _presenceSweep;

    public Task ReportPresence(ISessionObserver frontDoor, IReadOnlyDictionary<Guid, string> presence)
    {
        if (!Exists) return Task.CompletedTask;
        if (presence.Count == 0) _reports.Remove(frontDoor);
        else _reports[frontDoor] = (presence, clock.GetUtcNow() + PresenceLease);
        PushPresenceChanges();
        _presenceSweep ??= this.RegisterGrainTimer(SweepPresence, new GrainTimerCreationOptions(PresenceSweep, PresenceSweep));
        return Task.CompletedTask;
    }

    /// <summary>A participant's presence now: offline unless a live report holds them.</summary>
    private string PresenceOf(Guid userId, TimerPhase? phase)
    {
        if (!state.State.Participants.ContainsKey(userId)) return PresenceStates.Offline;
        var now = clock.GetUtcNow();
        var reported = _reports.Values.Where(r => r.Expires > now && r.Users.ContainsKey(userId)).Select(r => r.Users[userId]).ToList();
        if (reported.Count == 0) return PresenceStates.Offline;
        if (!reported.Contains(PresenceStates.Active)) return PresenceStates.Away;
        return phase?.Kind switch
        {
            TimerPhase.Focus when phase.PausedAt is null => PresenceStates.Focusing,
            TimerPhase.Break when phase.PausedAt is null => PresenceStates.Break,
            _ => PresenceStates.Online,
        };
    }

    /// <summary>Pushes each participant whose presence differs from what was last pushed (the phase may be given as of a boundary).</summary>
    private void PushPresenceChanges(TimerPhase? phase = null)
    {
        phase ??= Phase();
        foreach (var userId in state.State.Participants.Keys.Concat(_presencePushed.Keys).Distinct().ToList())
        {
            var now = PresenceOf(userId, phase);
            if (_presencePushed.GetValueOrDefault(userId, PresenceStates.Offline) == now) continue;
            if (now == PresenceStates.Offline) _presencePushed.Remove(userId);
            else _presencePushed[userId] = now;
            _watchers.Notify(watcher => { _ = watcher.PresenceChanged(Id, userId, now); });
        }
    }

    private Task SweepPresence(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var expired in _reports.Where(r => r.Value.Expires <= now).Select(r => r.Key).ToList()) _reports.Remove(expired);
        PushPresenceChanges();
        if (_reports.Count == 0 && _presencePushed.Count == 0)
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
