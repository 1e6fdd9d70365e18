using DeepWorkMap.Contracts;
using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Grains.Sessions;

/// <summary>Who actually came: participants check in, and when the session finishes everyone who did not is a no-show.</summary>
public sealed partial class StudySessionGrain
{
    /// <summary>Check-in opens this long before the start (and closes at the end).</summary>
    public static readonly TimeSpan CheckInOpensBefore = TimeSpan.FromMinutes(10);

    public async Task<SessionOutcome> CheckIn(Guid userId)
    {
        if (!ExistsFor(userId)) return SessionOutcome.Fail(ErrorCodes.NotFound);
        var current = SnapshotFor(userId);
        if (Admission.OverRefusal(current.Status) is { } over) return SessionOutcome.Fail(over, current);
        if (!state.State.Participants.TryGetValue(userId, out var entry)) return SessionOutcome.Fail(ErrorCodes.NotParticipant, current);
        var now = clock.GetUtcNow();
        if (now < current.StartTime - CheckInOpensBefore) return SessionOutcome.Fail(ErrorCodes.CheckInNotOpen, current);
        if (entry.CheckedInAt is not null) return SessionOutcome.Ok(current);

        var checkedIn = entry with { CheckedInAt = now };
        state.State.Participants[userId] = checkedIn;
        await Save();
        var hostId = current.HostId;
        _watchers.Notify(watcher => { _ = watcher.CheckedIn(Id, hostId, checkedIn); });
        return SessionOutcome.Ok(SnapshotFor(userId));
    }

    /// <summary>
    /// Records every participant but the host as attended or a no-show, once the session has finished. A session
    /// ended before its start never took place, so it records nothing.
    /// </summary>
    private async Task RecordAttendance(SessionSnapshot finished)
    {
        if (finished.EndTime <= finished.StartTime) return;
        var participants = state.State.Participants.Values
            .Where(p => p.Role == ParticipantRoles.Participant)
            .Select(p => (p.UserId, Attended: p.CheckedInAt is not null))
            .ToList();
        if (participants.Count > 0) await attendance.RecordAsync(Id, participants, finished.EndTime);
    }
}
