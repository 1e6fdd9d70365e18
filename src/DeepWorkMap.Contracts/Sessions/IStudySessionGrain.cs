using DeepWorkMap.Contracts.Chat;
using DeepWorkMap.Contracts.Live;
using Orleans.Concurrency;

namespace DeepWorkMap.Contracts.Sessions;

/// <summary>
/// One study session (key: its id). The only writer of its session: capacity, membership, host rights
/// and lifecycle are decided here, so no rule depends on database locking.
/// </summary>
[Alias("DeepWorkMap.IStudySessionGrain")]
public interface IStudySessionGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Creates the session with its host as first participant, choosing its public position; idempotent for the
    /// same command. Every command answers the session as its caller may see it afterwards (see <see cref="View"/>).
    /// </summary>
    [RetrySafe, Alias("Create")] Task<SessionOutcome> Create(CreateSession command);

    /// <summary>The session now, venue included, or null if it was never created. Not for showing to a caller: see <see cref="View"/>.</summary>
    [RetrySafe, Alias("Get")] Task<SessionSnapshot?> Get();

    /// <summary>
    /// The session as <paramref name="viewerId"/> (null: anonymous) may see it: the venue for participants only,
    /// the invite code for the host only. Null when it does not exist, or is private and the viewer neither takes
    /// part nor offers its <paramref name="inviteCode"/>.
    /// </summary>
    [RetrySafe, Alias("View")] Task<SessionSnapshot?> View(Guid? viewerId, string? inviteCode);

    /// <summary>
    /// Active participants as <see cref="View"/> decides who may see them (private: participants only); null
    /// otherwise. Check-in times are there for the host only.
    /// </summary>
    [RetrySafe, Alias("ParticipantsFor")] Task<IReadOnlyList<ParticipantEntry>?> ParticipantsFor(Guid viewerId);

    /// <summary>Active participants, host first, then by join time; null if the session does not exist.</summary>
    [RetrySafe, Alias("GetParticipants")] Task<IReadOnlyList<ParticipantEntry>?> GetParticipants();

    [RetrySafe, Alias("Join")] Task<SessionOutcome> Join(Guid userId);

    /// <summary>Joins a session, private ones with their invite code; a private session without the right code answers not found.</summary>
    [RetrySafe, Alias("JoinWithInvite")] Task<SessionOutcome> JoinWithInvite(Guid userId, string? inviteCode);

    /// <summary>
    /// The host removes a participant: they lose the session's chat at once, hear <c>removedFromSession</c>, and
    /// cannot join again. Answers the session as the host sees it.
    /// </summary>
    [Alias("Remove")] Task<SessionOutcome> Remove(Guid hostId, Guid userId);

    /// <summary>A moderator hides one of the session's messages everywhere: memory, the log, and the subscribers' screens.</summary>
    [Alias("HideMessage")] Task<bool> HideMessage(Guid messageId);

    /// <summary>A moderator ends the session at once, as its host could.</summary>
    [Alias("EndByModerator")] Task<SessionOutcome> EndByModerator();

    /// <summary>A moderator suspended (or reinstated) the host: the session leaves every map (or comes back) and its catalog row says so.</summary>
    [Alias("SetHostSuspended")] Task SetHostSuspended(bool suspended);

    /// <summary>
    /// The user's account closed: their seat (or place in line) frees as if they had left, while the session is not over;
    /// their goal goes in any case.
    /// </summary>
    [Alias("MemberAccountClosed")] Task MemberAccountClosed(Guid userId);

    /// <summary>The host replaces a private session's invite code; the old one stops working. Answers the session as the host sees it.</summary>
    [Alias("RotateInvite")] Task<SessionOutcome> RotateInvite(Guid userId);

    [Alias("Leave")] Task<SessionOutcome> Leave(Guid userId);

    [Alias("End")] Task<SessionOutcome> End(Guid userId);

    /// <summary>
    /// The host changes the session before it finishes: what it is about at any time; when and where only while
    /// it is starting soon; capacity never below the participants in (a raised capacity seats the first waiting).
    /// Each edit adds one to the version and is pushed as a change.
    /// </summary>
    [Alias("Edit")] Task<SessionOutcome> Edit(Guid userId, SessionEdit edit);

    /// <summary>The host calls the session off before it goes live: it leaves the map, and joins, check-ins and chat stop.</summary>
    [Alias("Cancel")] Task<SessionOutcome> Cancel(Guid userId, string? reason);

    /// <summary>
    /// Waits for a seat of a full session (the same admission rules as a join), at the end of the line; answers
    /// the caller's position in <see cref="SessionSnapshot.Mine"/>. Asking again keeps the place.
    /// </summary>
    [Alias("JoinWaitlist")] Task<SessionOutcome> JoinWaitlist(Guid userId, string? inviteCode);

    /// <summary>Leaves the waitlist; those behind move up.</summary>
    [Alias("LeaveWaitlist")] Task<SessionOutcome> LeaveWaitlist(Guid userId);

    /// <summary>The host sets (or, with null, removes) the shared timer's plan, until the session ends; it starts over from the session's start.</summary>
    [Alias("SetTimer")] Task<SessionOutcome> SetTimer(Guid userId, TimerPlan? plan);

    /// <summary>The host pauses, resumes, or skips to the next phase of the timer (<see cref="TimerCommands"/>).</summary>
    [Alias("ControlTimer")] Task<SessionOutcome> ControlTimer(Guid userId, string command);

    /// <summary>A participant states (or, with null, drops) their goal for the session, or marks it done.</summary>
    [Alias("SetGoal")] Task<SessionOutcome> SetGoal(Guid userId, string? text, bool done);

    /// <summary>
    /// A front door's view of its connections holding the session: each user there, active or away, and since when. The
    /// whole set each time, on every change and renewal; what a front door stops renewing expires (so a crashed one takes
    /// its users offline).
    /// </summary>
    [RetrySafe, Alias("ReportPresence")] Task ReportPresence(ISessionObserver frontDoor, IReadOnlyDictionary<Guid, PresenceReport> presence);

    /// <summary>A participant says they are there: from 10 minutes before the start until the end.</summary>
    [Alias("CheckIn")] Task<SessionOutcome> CheckIn(Guid userId);

    /// <summary>
    /// Accepts a chat message from an active participant: gives it the next seq, makes it durable, then
    /// pushes it to watchers. Sending the same <paramref name="messageId"/> again while it is among the session's last
    /// 50 messages returns the stored message.
    /// Sends interleave with each other and with other calls: while one waits for its write, the next takes
    /// its seq and joins the same group commit, so a busy session is not held to one write at a time.
    /// </summary>
    [AlwaysInterleave]
    [RetrySafe, Alias("Send")] Task<ChatOutcome> Send(Guid messageId, Guid authorId, string content);

    /// <summary>
    /// The sender edits (<paramref name="content"/>, already validated) or deletes (null) their message <paramref name="seq"/>
    /// within <c>MessageEdits.Window</c> of sending it, while a participant and the session is not over; then pushes the
    /// change to watchers. Only acknowledged messages, so a change is never stored before its message.
    /// </summary>
    [Alias("ChangeMessage")] Task<ChatOutcome> ChangeMessage(Guid userId, long seq, string? content);

    /// <summary>Up to <paramref name="limit"/> messages with seq below <paramref name="before"/> (or the newest), newest first; participants only.</summary>
    [RetrySafe, Alias("History")] Task<ChatPage> History(Guid userId, long? before, int limit);

    /// <summary>Opens the live feed for a participant: registers the front door's observer and returns the session and its recent chat.</summary>
    [RetrySafe, Alias("Subscribe")] Task<SessionFeed> Subscribe(Guid userId, ISessionObserver observer);

    /// <summary>
    /// Keeps a front door's registration alive and renews its presence report (as <see cref="ReportPresence"/>); the
    /// answer lets it notice what it missed.
    /// </summary>
    [RetrySafe, Alias("Watch")] Task<SessionPulse> Watch(ISessionObserver observer, IReadOnlyDictionary<Guid, PresenceReport> presence);

    [RetrySafe, Alias("Unwatch")] Task Unwatch(ISessionObserver observer);

    /// <summary>Messages with seq above <paramref name="seq"/>, oldest first: how a front door fills a gap.</summary>
    [RetrySafe, Alias("MessagesAfter")] Task<IReadOnlyList<ChatMessage>> MessagesAfter(long seq);

    /// <summary>Carries out what a status change that happened by the clock entails (catalog, index, pushes).</summary>
    [Alias("CatchUp")] Task CatchUp();

    /// <summary>
    /// Whether the user holds a seat (not as host) or a place in line here, and the session is not over: how a user's
    /// <see cref="IJoinQuotaGrain"/> finds places it may drop. Runs between other calls, as it only reads.
    /// </summary>
    [AlwaysInterleave]
    [Alias("Holds")] Task<bool> Holds(Guid userId);
}
