using Orleans.Concurrency;

namespace DeepWorkMap.Contracts.Sessions;

/// <summary>Membership: who takes part (a seat, a place in line, a check-in) and who may see them.</summary>
public partial interface IStudySessionGrain
{
    /// <summary>
    /// Active participants as <see cref="View"/> decides who may see them (private: participants only); null
    /// otherwise. Check-in times are there for the host only.
    /// </summary>
    [RetrySafe, Alias("ParticipantsFor")] Task<IReadOnlyList<ParticipantEntry>?> ParticipantsFor(Guid viewerId);

    [RetrySafe, Alias("Join")] Task<SessionOutcome> Join(Guid userId);

    /// <summary>Joins a session, private ones with their invite code; a private session without the right code answers not found.</summary>
    [RetrySafe, Alias("JoinWithInvite")] Task<SessionOutcome> JoinWithInvite(Guid userId, string? inviteCode);

    [Alias("Leave")] Task<SessionOutcome> Leave(Guid userId);

    /// <summary>
    /// Waits for a seat of a full session (the same admission rules as a join), at the end of the line; answers
    /// the caller's position in <see cref="SessionSnapshot.Mine"/>. Asking again keeps the place.
    /// </summary>
    [Alias("JoinWaitlist")] Task<SessionOutcome> JoinWaitlist(Guid userId, string? inviteCode);

    /// <summary>Leaves the waitlist; those behind move up.</summary>
    [Alias("LeaveWaitlist")] Task<SessionOutcome> LeaveWaitlist(Guid userId);

    /// <summary>A participant says they are there: from 10 minutes before the start until the end.</summary>
    [Alias("CheckIn")] Task<SessionOutcome> CheckIn(Guid userId);

    /// <summary>
    /// The user's account closed: their seat (or place in line) frees as if they had left, while the session is not over;
    /// their goal goes in any case.
    /// </summary>
    [Alias("MemberAccountClosed")] Task MemberAccountClosed(Guid userId);

    /// <summary>
    /// Whether the user holds a seat (not as host) or a place in line here, and the session is not over: how a user's
    /// <see cref="IJoinQuotaGrain"/> finds places it may drop. Runs between other calls, as it only reads.
    /// </summary>
    [AlwaysInterleave]
    [Alias("Holds")] Task<bool> Holds(Guid userId);
}
