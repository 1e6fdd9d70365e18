using System.Globalization;
using DeepWorkMap.Contracts;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Contracts.Users;
using DeepWorkMap.Grains.Geo;

namespace DeepWorkMap.Grains.Sessions;

/// <summary>What the host changes after creating a session: its facts (an edit), or whether it happens at all.</summary>
public sealed partial class StudySessionGrain
{
    public async Task<SessionOutcome> Edit(Guid userId, SessionEdit edit)
    {
        if (!Found() || !IsVisibleTo(userId, inviteCode: null)) return SessionOutcome.Fail(ErrorCodes.NotFound);
        var before = Snapshot();
        if (userId != before.HostId) return SessionOutcome.Fail(ErrorCodes.NotHost, SnapshotFor(userId));
        if (OverError(before.Status) is { } over) return SessionOutcome.Fail(over, SnapshotFor(userId));
        if (edit.ExpectedVersion is { } expected && expected != state.State.Version) return SessionOutcome.Fail(ErrorCodes.VersionConflict, SnapshotFor(userId));
        if (edit.Reschedules && before.Status != SessionStatuses.StartingSoon) return SessionOutcome.Fail(ErrorCodes.SessionStarted, SnapshotFor(userId));
        if (edit.MaxParticipants < state.State.Participants.Count) return SessionOutcome.Fail(ErrorCodes.CapacityBelowParticipants, SnapshotFor(userId));

        var facts = state.State.Facts!;
        var edited = facts with
        {
            Title = edit.Title ?? facts.Title,
            Subject = edit.Subject ?? facts.Subject,
            Description = edit.Description is null ? facts.Description : NullIfEmpty(edit.Description),
            StartTime = edit.StartTime ?? facts.StartTime,
            DurationMinutes = edit.DurationMinutes ?? facts.DurationMinutes,
            Latitude = edit.Latitude ?? facts.Latitude,
            Longitude = edit.Longitude ?? facts.Longitude,
            VenueNote = edit.VenueNote is null ? facts.VenueNote : NullIfEmpty(edit.VenueNote),
            MaxParticipants = edit.MaxParticipants ?? facts.MaxParticipants,
            WaitlistLimit = edit.WaitlistLimit ?? facts.WaitlistLimit,
            MinAttendanceRate = edit.MinAttendanceRate is null ? facts.MinAttendanceRate : edit.MinAttendanceRate > 0 ? edit.MinAttendanceRate : null,
        };
        var moved = edited.Latitude != facts.Latitude || edited.Longitude != facts.Longitude;
        var publicPosition = moved ? await PublicPositionOf(edited.Latitude, edited.Longitude) : (state.State.PublicLatitude!.Value, state.State.PublicLongitude!.Value);
        var now = clock.GetUtcNow();
        state.State.Facts = edited;
        // A place in another cell shows that cell's point; within the cell the point stays (it is the cell's).
        (state.State.PublicLatitude, state.State.PublicLongitude) = publicPosition;
        state.State.Version++;
        state.State.UpdatedAt = now;
        var promoted = SeatWaiting(now);
        var rescheduled = edited.StartTime != facts.StartTime || edited.DurationMinutes != facts.DurationMinutes || moved;
        if (rescheduled)
            TellParticipants(new Notice(NotificationKinds.SessionChanged, Id, state.State.Version.ToString(CultureInfo.InvariantCulture),
                $"{edited.Title} changed", Describe(edited, moved), Id, edited.StartTime));
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
        if (!Found() || !IsVisibleTo(userId, inviteCode: null)) return SessionOutcome.Fail(ErrorCodes.NotFound);
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

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    // The start goes with the notice as a time, which each reader sees in their own zone; the text never names one.
    private static string Describe(CreateSession edited, bool moved) =>
        $"It now lasts {edited.DurationMinutes} minutes" + (moved ? ", at a new place." : ".");
}
