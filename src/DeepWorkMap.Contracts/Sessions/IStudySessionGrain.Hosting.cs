namespace DeepWorkMap.Contracts.Sessions;

/// <summary>Hosting and editing: what the session's host (or a moderator) changes after creating it.</summary>
public partial interface IStudySessionGrain
{
    /// <summary>
    /// The host changes the session before it finishes: what it is about at any time; when and where only while
    /// it is starting soon; capacity never below the participants in (a raised capacity seats the first waiting).
    /// Each edit adds one to the version and is pushed as a change.
    /// </summary>
    [Alias("Edit")] Task<SessionOutcome> Edit(Guid userId, SessionEdit edit);

    /// <summary>The host calls the session off before it goes live: it leaves the map, and joins, check-ins and chat stop.</summary>
    [Alias("Cancel")] Task<SessionOutcome> Cancel(Guid userId, string? reason);

    [Alias("End")] Task<SessionOutcome> End(Guid userId);

    /// <summary>
    /// The host removes a participant: they lose the session's chat at once, hear <c>removedFromSession</c>, and
    /// cannot join again. Answers the session as the host sees it.
    /// </summary>
    [Alias("Remove")] Task<SessionOutcome> Remove(Guid hostId, Guid userId);

    /// <summary>The host replaces a private session's invite code; the old one stops working. Answers the session as the host sees it.</summary>
    [Alias("RotateInvite")] Task<SessionOutcome> RotateInvite(Guid userId);

    /// <summary>A moderator ends the session at once, as its host could.</summary>
    [Alias("EndByModerator")] Task<SessionOutcome> EndByModerator();

    /// <summary>A moderator suspended (or reinstated) the host: the session leaves every map (or comes back) and its catalog row says so.</summary>
    [Alias("SetHostSuspended")] Task SetHostSuspended(bool suspended);
}
