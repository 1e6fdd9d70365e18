using System.Globalization;
using DeepWorkMap.Contracts;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Contracts.Users;
using DeepWorkMap.Grains.Geo;

namespace DeepWorkMap.Grains.Sessions;

/// <summary>
/// Hosting and editing: what the host changes after creating a session (its facts, whether and until when it happens, who
/// is in it, its invite code), and what a moderator may do in the host's place.
/// </summary>
public sealed partial class StudySessionGrain
{
    public async Task<SessionOutcome> Edit(Guid userId, SessionEdit edit)
    {
        if (!ExistsFor(userId)) return SessionOutcome.Fail(ErrorCodes.NotFound);
        var before = Snapshot();
        if (userId != before.HostId) return SessionOutcome.Fail(ErrorCodes.NotHost, SnapshotFor(userId));
        if (Admission.OverRefusal(before.Status) is { } over) return SessionOutcome.Fail(over, SnapshotFor(userId));
        if (SessionEdits.Refusal(edit, state.State.Version, before.Status, state.State.Participants.Count) is { } refused)
            return SessionOutcome.Fail(refused, SnapshotFor(userId));

        var facts = state.State.Facts!;
        var edited = SessionEdits.Apply(facts, edit);
        var moved = SessionEdits.Moves(facts, edited);
        var publicPosition = moved ? await PublicPositionOf(edited.Latitude, edited.Longitude) : (state.State.PublicLatitude!.Value, state.State.PublicLongitude!.Value);
        var now = clock.GetUtcNow();
        state.State.Facts = edited;
        // A place in another cell shows that cell's point; within the cell the point stays (it is the cell's).
        (state.State.PublicLatitude, state.State.PublicLongitude) = publicPosition;
        state.State.Version++;
        state.State.UpdatedAt = now;
        var promoted = SeatWaiting(now);
        if (SessionEdits.Reschedules(facts, edited))
            TellParticipants(new Notice(NotificationKinds.SessionChanged, Id, state.State.Version.ToString(CultureInfo.InvariantCulture),
                $"{edited.Title} changed", SessionEdits.Describe(facts, edited), Id, edited.StartTime));
        await Save();

        var after = Snapshot();
        // Tiles it left let go first; the new ones then show it (both tell their live maps).
        if (moved && GeoGrid.TilesOf(before.Latitude, before.Longitude) != GeoGrid.TilesOf(after.Latitude, after.Longitude)) await WithdrawFromIndex(before);
        await Publish(after);
        if (edited.StartTime != facts.StartTime)
        {
            await ScheduleReminders();
            ArmBoundary();
        }
        AnnouncePromotions(promoted, after);
        return SessionOutcome.Ok(SnapshotFor(userId));
    }

    public async Task<SessionOutcome> Cancel(Guid userId, string? reason)
    {
        if (!ExistsFor(userId)) return SessionOutcome.Fail(ErrorCodes.NotFound);
        var current = Snapshot();
        if (userId != current.HostId) return SessionOutcome.Fail(ErrorCodes.NotHost, SnapshotFor(userId));
        if (current.Status == SessionStatuses.Cancelled)
        {
            // Asked again, perhaps after an answer that never came: what is still owed goes out again.
            DeliverPending();
            return SessionOutcome.Ok(SnapshotFor(userId));
        }
        if (current.Status == SessionStatuses.Finished) return SessionOutcome.Fail(ErrorCodes.SessionFinished, SnapshotFor(userId));
        if (current.Status == SessionStatuses.Live) return SessionOutcome.Fail(ErrorCodes.SessionStarted, SnapshotFor(userId));

        var now = clock.GetUtcNow();
        state.State.CancelledAt = now;
        state.State.CancelReason = reason;
        state.State.Version++;
        state.State.UpdatedAt = now;
        TellParticipants(new Notice(NotificationKinds.SessionCancelled, Id, "cancelled", $"{current.Title} is cancelled",
            reason is null ? "The host cancelled this session." : $"The host cancelled this session: {reason}", Id, current.StartTime), andWaiting: true);
        await Save();
        DeepWorkMetrics.SessionsCancelled.Add(1);
        await CatchUp();
        await UnscheduleReminders();
        return SessionOutcome.Ok(SnapshotFor(userId));
    }

    public async Task<SessionOutcome> End(Guid userId)
    {
        if (!ExistsFor(userId)) return SessionOutcome.Fail(ErrorCodes.NotFound);
        if (userId != state.State.Facts!.HostId) return SessionOutcome.Fail(ErrorCodes.NotHost, SnapshotFor(userId));
        return await EndNow();
    }

    public async Task<SessionOutcome> EndByModerator() => Found() ? await EndNow() : SessionOutcome.Fail(ErrorCodes.NotFound);

    private async Task<SessionOutcome> EndNow()
    {
        if (SessionStatuses.IsOver(Snapshot().Status)) return SessionOutcome.Ok(Snapshot());

        AccountFocus();
        var now = clock.GetUtcNow();
        state.State.EndedAt = now;
        state.State.UpdatedAt = now;
        await Save();
        await CatchUp();
        return SessionOutcome.Ok(Snapshot());
    }

    public async Task<SessionOutcome> Remove(Guid hostId, Guid userId)
    {
        if (!ExistsFor(hostId)) return SessionOutcome.Fail(ErrorCodes.NotFound);
        if (hostId != state.State.Facts!.HostId) return SessionOutcome.Fail(ErrorCodes.NotHost, SnapshotFor(hostId));
        if (userId == hostId) return SessionOutcome.Fail(ErrorCodes.HostCannotLeave, SnapshotFor(hostId));
        // Removing again is a no-op; removing someone who never took part nor waited finds nobody.
        if (state.State.Removed?.Contains(userId) == true) return SessionOutcome.Ok(SnapshotFor(hostId));
        AccountFocus();
        var wasParticipant = state.State.Participants.Remove(userId);
        if (!wasParticipant && !LeaveLine(userId)) return SessionOutcome.Fail(ErrorCodes.NotFound);

        var now = clock.GetUtcNow();
        (state.State.Removed ??= []).Add(userId);
        Tell(userId, new Notice(NotificationKinds.RemovedFromSession, Id, "removed", $"You were removed from {state.State.Facts.Title}",
            "The host removed you from this session; you cannot join it again.", Id));
        var promoted = SessionStatuses.IsOver(Snapshot().Status) ? [] : SeatWaiting(now);
        var changed = await SaveMembershipChange(now);
        GiveBackPlace(userId);
        if (wasParticipant) AnnounceMembership(userId, ParticipantRoles.Participant, changed with { InviteCode = null }, joined: false, removed: true);
        else _watchers.Notify(watcher => { _ = watcher.SessionChanged(changed with { InviteCode = null }); });
        AnnouncePromotions(promoted, changed);
        return SessionOutcome.Ok(SnapshotFor(hostId));
    }

    public async Task<SessionOutcome> RotateInvite(Guid userId)
    {
        if (!ExistsFor(userId)) return SessionOutcome.Fail(ErrorCodes.NotFound);
        if (userId != state.State.Facts!.HostId) return SessionOutcome.Fail(ErrorCodes.NotHost);
        if (state.State.InviteCode is null) return SessionOutcome.Fail(ErrorCodes.NotPrivate, SnapshotFor(userId));
        state.State.InviteCode = InviteCodes.New();
        await Save();
        return SessionOutcome.Ok(SnapshotFor(userId));
    }
}
