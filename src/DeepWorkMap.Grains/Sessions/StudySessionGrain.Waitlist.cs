using DeepWorkMap.Contracts;
using DeepWorkMap.Contracts.Accounts;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Contracts.Users;

namespace DeepWorkMap.Grains.Sessions;

/// <summary>
/// The line for a full session's seats. A seat that frees (a leave, a removal, a raised capacity) goes to the
/// first in line in the same grain turn and the same state write as the change that freed it, so promotions are
/// in order, happen once, never overfill, and are durable before that change is answered.
/// </summary>
public sealed partial class StudySessionGrain
{
    public async Task<SessionOutcome> JoinWaitlist(Guid userId, string? inviteCode)
    {
        if (!ExistsFor(userId, inviteCode)) return SessionOutcome.Fail(ErrorCodes.NotFound);
        var current = SnapshotFor(userId);
        if (Admission.OverRefusal(current.Status) is { } over) return SessionOutcome.Fail(over, current);
        if (state.State.Participants.ContainsKey(userId)) return SessionOutcome.Fail(ErrorCodes.AlreadyParticipant, current);
        if (WaitlistPosition(userId) is not null) return SessionOutcome.Ok(current);
        if (await RefusalToAdmit(userId) is { } refusal) return SessionOutcome.Fail(refusal, current);
        var facts = state.State.Facts!;
        if (Admission.LineRefusal(state.State.Participants.Count, facts.MaxParticipants, Line.Count, facts.WaitlistCapacity) is { } refused)
            return SessionOutcome.Fail(refused, current);
        if (!await TakePlace(userId)) return SessionOutcome.Fail(ErrorCodes.LimitReached, current);

        var now = clock.GetUtcNow();
        (state.State.Waitlist ??= []).Add(new ParticipantEntry(userId, ParticipantRoles.Waitlisted, now));
        var changed = await SaveMembershipChange(now);
        _watchers.Notify(watcher => { _ = watcher.SessionChanged(changed with { InviteCode = null }); });
        TellPlacesInLine();
        return SessionOutcome.Ok(SnapshotFor(userId));
    }

    public async Task<SessionOutcome> LeaveWaitlist(Guid userId)
    {
        if (!ExistsFor(userId)) return SessionOutcome.Fail(ErrorCodes.NotFound);
        if (!LeaveLine(userId)) return SessionOutcome.Ok(SnapshotFor(userId));

        var changed = await SaveMembershipChange(clock.GetUtcNow());
        GiveBackPlace(userId);
        _watchers.Notify(watcher => { _ = watcher.SessionChanged(changed with { InviteCode = null }); });
        TellPlacesInLine();
        return SessionOutcome.Ok(SnapshotFor(userId));
    }

    /// <summary>1 for the next in line; null when the user is not waiting.</summary>
    private int? WaitlistPosition(Guid userId) => WaitlistLine.Position(LineNow(), userId);

    /// <summary>Moves the first in line into free seats; the caller writes the state before answering anyone.</summary>
    private List<Guid> SeatWaiting(DateTimeOffset now)
    {
        var seated = new List<Guid>();
        if (state.State.Waitlist is not { } waitlist) return seated;
        var facts = state.State.Facts!;
        var taken = WaitlistLine.ToSeat(facts.MaxParticipants, state.State.Participants.Count, waitlist.Count);
        foreach (var next in waitlist.Take(taken))
        {
            state.State.Participants[next.UserId] = new ParticipantEntry(next.UserId, ParticipantRoles.Participant, now);
            seated.Add(next.UserId);
            // One per seat taken: someone seated twice (after leaving and queueing again) hears it twice.
            Tell(next.UserId, new Notice(NotificationKinds.WaitlistPromoted, Id, now.UtcDateTime.ToString("O"), $"You have a seat in {facts.Title}",
                "A seat came free and it is yours.", Id, facts.StartTime));
        }
        waitlist.RemoveRange(0, taken);
        DeepWorkMetrics.Promotions.Add(taken);
        return seated;
    }

    /// <summary>After the write: the session's subscribers see each new participant, and each promoted user hears it wherever they are connected.</summary>
    private void AnnouncePromotions(List<Guid> promoted, SessionSnapshot changed)
    {
        foreach (var userId in promoted)
        {
            AnnounceMembership(userId, ParticipantRoles.Participant, changed with { InviteCode = null }, joined: true);
            GrainFactory.GetGrainFast<IAccountGrain>(userId).PromotedFromWaitlist(SnapshotFor(userId)).Ignore();
        }
        TellPlacesInLine();
    }

    /// <summary>The line as its waiting users last heard it: whoever stands elsewhere now is told, once the change is written.</summary>
    private IReadOnlyList<Guid> _lineAsTold = [];

    /// <summary>Who waits, first in line first; the shared empty list when nobody does.</summary>
    private IReadOnlyList<ParticipantEntry> Line => state.State.Waitlist ?? [];

    /// <summary>Takes the user out of the line; false when they were not in it.</summary>
    private bool LeaveLine(Guid userId) => state.State.Waitlist?.RemoveAll(w => w.UserId == userId) > 0;

    /// <summary>The line now; the shared empty list when nobody waits, as for most sessions (a list each is ~3 MB at 100,000).</summary>
    private IReadOnlyList<Guid> LineNow() => Line.Count == 0 ? [] : Line.Select(w => w.UserId).ToList();

    /// <summary>
    /// Tells each waiting user whose place changed (someone ahead left, was seated or removed) their new place, wherever they
    /// are connected: they do not subscribe to the session, and would otherwise read it again on every change.
    /// A newcomer at the end learned their place from their own answer.
    /// </summary>
    private void TellPlacesInLine()
    {
        var line = LineNow();
        foreach (var (userId, position) in WaitlistLine.Moved(_lineAsTold, line))
            GrainFactory.GetGrainFast<IAccountGrain>(userId).WaitlistPositionChanged(Id, position).Ignore();
        _lineAsTold = line;
    }
}
