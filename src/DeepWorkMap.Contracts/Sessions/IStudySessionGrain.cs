namespace DeepWorkMap.Contracts.Sessions;

/// <summary>
/// One study session (key: its id). The only writer of its session: capacity, membership, host rights
/// and lifecycle are decided here, so no rule depends on database locking.
///
/// Its methods are grouped by role, one file each (Membership, Hosting, Chat, Feed, FocusRoom), as parts of this one
/// interface rather than as base interfaces: each generated invokable is named after the interface that declares its
/// method, so moving a method to another interface would make calls from a previous release's silo unreadable here
/// (and ours there) in a mixed-version cluster.
/// </summary>
[Alias("DeepWorkMap.IStudySessionGrain")]
public partial interface IStudySessionGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Creates the session with its host as first participant, choosing its public position; idempotent for the
    /// same command. Every command answers the session as its caller may see it afterwards (see <see cref="View"/>).
    /// </summary>
    [RetrySafe, Alias("Create")] Task<SessionOutcome> Create(CreateSession command);

    /// <summary>
    /// The session as <paramref name="viewerId"/> (null: anonymous) may see it: the venue for participants only,
    /// the invite code for the host only. Null when it does not exist, or is private and the viewer neither takes
    /// part nor offers its <paramref name="inviteCode"/>.
    /// </summary>
    [RetrySafe, Alias("View")] Task<SessionSnapshot?> View(Guid? viewerId, string? inviteCode);

    /// <summary>Carries out what a status change that happened by the clock entails (catalog, index, pushes).</summary>
    [Alias("CatchUp")] Task CatchUp();
}
