using DeepWorkMap.Contracts;
using DeepWorkMap.Contracts.Chat;
using DeepWorkMap.Contracts.Live;
using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Grains.Sessions;

/// <summary>
/// The live feed: the front doors watching the session (leased registrations), what they missed, and what they are told
/// of its members. Presence, which they also report, is beside it.
/// </summary>
public sealed partial class StudySessionGrain
{
    public Task<SessionFeed> Subscribe(Guid userId, ISessionObserver observer)
    {
        if (!Found()) return Task.FromResult(SessionFeed.Fail(ErrorCodes.NotFound));
        if (!state.State.Participants.ContainsKey(userId)) return Task.FromResult(SessionFeed.Fail(NotParticipantError(userId)));
        _watchers.Subscribe(observer);
        return Task.FromResult(new SessionFeed(SnapshotFor(userId), _recent.OldestFirst(), null));
    }

    public async Task<SessionPulse> Watch(ISessionObserver observer, IReadOnlyDictionary<Guid, PresenceReport> presence)
    {
        if (!Found()) return new SessionPulse(null, 0);
        _watchers.Subscribe(observer);
        await ReportPresence(observer, presence);
        return new SessionPulse(Snapshot() with { InviteCode = null }, _recent.LastSeq);
    }

    public Task Unwatch(ISessionObserver observer)
    {
        _watchers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<ChatMessage>> MessagesAfter(long seq)
    {
        var last = _recent.LastSeq;
        var missing = last - seq;
        if (missing <= 0) return [];
        var held = _recent.After(seq);
        if (held.Count == missing) return held;
        // The page ends at the last message acknowledged when asked, not at the log's newest: sends interleave with this
        // read, and a page of the newest rows would then start above seq + 1 and leave a hole the caller takes for a
        // gap too old to fill.
        var page = await chatLog.LatestAsync(Id, last + 1, (int)Math.Min(missing, MaxCatchUpMessages));
        return page.Where(m => m.Seq > seq).Reverse().ToList();
    }

    private void AnnounceMembership(Guid userId, string role, SessionSnapshot session, bool joined, bool removed = false)
    {
        // A newcomer goes out with their presence and goal (none yet, as a rule), as the participant list would show them.
        var participant = joined && state.State.Participants.TryGetValue(userId, out var entry) ? WithPresence([entry])[0] : null;
        var change = new MembershipChange(Id, userId, role, session.CurrentParticipants, removed, participant);
        _watchers.Notify(watcher =>
        {
            _ = joined ? watcher.ParticipantJoined(change) : watcher.ParticipantLeft(change);
            _ = watcher.SessionChanged(session);
        });
        // Whoever left is offline here from now on.
        if (!joined) PushPresenceChanges();
    }
}
