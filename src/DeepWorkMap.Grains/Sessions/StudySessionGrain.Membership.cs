using DeepWorkMap.Contracts;
using DeepWorkMap.Contracts.Accounts;
using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Grains.Sessions;

/// <summary>Membership: who takes part, who may join, and who sees the participants (the waitlist, check-ins and the join quota are beside it).</summary>
public sealed partial class StudySessionGrain
{
    public Task<IReadOnlyList<ParticipantEntry>?> ParticipantsFor(Guid viewerId)
    {
        if (!ExistsFor(viewerId)) return Task.FromResult<IReadOnlyList<ParticipantEntry>?>(null);
        var participants = WithPresence(OrderedParticipants());
        // Check-ins are the host's to see; goals and presence (who is focusing right now) are for those in the session.
        IReadOnlyList<ParticipantEntry> shown =
            viewerId == state.State.Facts!.HostId ? participants
            : state.State.Participants.ContainsKey(viewerId) ? participants.Select(p => p with { CheckedInAt = null }).ToList()
            : participants.Select(p => p with { CheckedInAt = null, Goal = null, Presence = null }).ToList();
        return Task.FromResult<IReadOnlyList<ParticipantEntry>?>(shown);
    }

    /// <summary>Active participants, host first, then by join time.</summary>
    private List<ParticipantEntry> OrderedParticipants() => state.State.Participants.Values
        .OrderBy(p => p.Role == ParticipantRoles.Host ? 0 : 1)
        .ThenBy(p => p.JoinedAt)
        .ThenBy(p => p.UserId)
        .ToList();

    public Task<SessionOutcome> Join(Guid userId) => JoinWithInvite(userId, inviteCode: null);

    public async Task<SessionOutcome> JoinWithInvite(Guid userId, string? inviteCode)
    {
        // A private session does not exist for someone who was not invited.
        if (!ExistsFor(userId, inviteCode)) return SessionOutcome.Fail(ErrorCodes.NotFound);
        var current = SnapshotFor(userId);
        if (Admission.OverRefusal(current.Status) is { } over) return SessionOutcome.Fail(over, current);
        if (state.State.Participants.ContainsKey(userId)) return SessionOutcome.Ok(current);
        if (await RefusalToAdmit(userId) is { } refusal) return SessionOutcome.Fail(refusal, current);
        if (Admission.SeatRefusal(state.State.Participants.Count, state.State.Facts!.MaxParticipants) is { } full) return SessionOutcome.Fail(full, current);
        if (!await TakePlace(userId)) return SessionOutcome.Fail(ErrorCodes.LimitReached, current);

        var now = clock.GetUtcNow();
        // Someone waiting who finds a free seat (after a raised capacity, say) takes it and stops waiting.
        LeaveLine(userId);
        state.State.Participants[userId] = new ParticipantEntry(userId, ParticipantRoles.Participant, now);
        var changed = await SaveMembershipChange(now);
        DeepWorkMetrics.Joins.Add(1);
        AnnounceMembership(userId, ParticipantRoles.Participant, changed with { InviteCode = null }, joined: true);
        TellPlacesInLine();
        return SessionOutcome.Ok(SnapshotFor(userId));
    }

    public async Task<SessionOutcome> Leave(Guid userId)
    {
        if (!ExistsFor(userId)) return SessionOutcome.Fail(ErrorCodes.NotFound);
        var current = SnapshotFor(userId);
        if (userId == state.State.Facts!.HostId) return SessionOutcome.Fail(ErrorCodes.HostCannotLeave, current);
        // A session that is over keeps its data as it was; leaving it changes nothing.
        if (SessionStatuses.IsOver(current.Status)) return SessionOutcome.Ok(current);
        if (!state.State.Participants.ContainsKey(userId)) return await LeaveWaitlist(userId);

        AccountFocus();
        var now = clock.GetUtcNow();
        state.State.Participants.Remove(userId);
        var promoted = SeatWaiting(now);
        var changed = await SaveMembershipChange(now);
        GiveBackPlace(userId);
        AnnounceMembership(userId, ParticipantRoles.Participant, changed with { InviteCode = null }, joined: false);
        AnnouncePromotions(promoted, changed);
        return SessionOutcome.Ok(SnapshotFor(userId));
    }

    /// <summary>Why <paramref name="userId"/> may not take a seat or wait for one, if they may not.</summary>
    private async Task<string?> RefusalToAdmit(Guid userId)
    {
        var facts = state.State.Facts!;
        // Each reason is looked up only while none before it refused (the later ones cost a call).
        var removed = state.State.Removed?.Contains(userId) == true;
        var blocked = !removed && await GrainFactory.GetGrainFast<IAccountGrain>(facts.HostId).IsBlocking(userId);
        var meetsAttendance = removed || blocked || facts.MinAttendanceRate is not { } rate || (await attendance.OfAsync(userId)).Meets(rate);
        return Admission.PersonalRefusal(removed, blocked, meetsAttendance);
    }
}
