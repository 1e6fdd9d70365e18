using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Grains.Sessions;

/// <summary>
/// The <c>study_sessions</c> table: a queryable copy of every session, written by its grain. It backs
/// geo-cell and region recovery, the lifecycle sweep and SQL views; the grain's own state stays the truth.
/// </summary>
public interface ISessionCatalog
{
    /// <summary>Writes the whole row (creation and every edit), its status being the last one whose consequences were carried out.</summary>
    Task SaveAsync(SessionSnapshot session, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records who takes part now and who waits in line, by their roles (the seat count is the number taking part); may be
    /// batched with others and written a moment later. The last call for a session wins.
    /// </summary>
    void SaveMembersSoon(Guid sessionId, IReadOnlyList<ParticipantEntry> members, DateTimeOffset updatedAt);

    /// <summary>The sessions the user hosts or has a seat in (as last recorded), the latest-starting first, up to <paramref name="max"/>.</summary>
    Task<IReadOnlyList<SessionHeading>> SessionsOfAsync(Guid userId, int max, CancellationToken cancellationToken = default);

    /// <summary>Every session, over or not, in which the user has a seat or waits for one (as last recorded).</summary>
    Task<IReadOnlyList<Guid>> MembershipsOfAsync(Guid userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The sessions not over at <paramref name="now"/> where the user holds a seat (not as host) or waits in line, as last
    /// recorded: how a user's <c>JoinQuotaGrain</c> counts their places when it activates.
    /// </summary>
    Task<IReadOnlyList<Guid>> PlacesOfAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>What the host hosts that is not over: single sessions, and weekly series with an occurrence to come.</summary>
    Task<(int Sessions, int Series)> ActiveHostingAsync(Guid hostId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// The public sessions indexed in a geo tile (fine or coarse) that are not over and whose host is not suspended, without
    /// their venues: how a cell rebuilds itself.
    /// </summary>
    Task<IReadOnlyList<SessionSnapshot>> ActiveInTileAsync(string tileKey, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// The public sessions that are not over in the tiles of a map region (<c>GeoGrid.TilesOfRegion</c>), fine or coarse,
    /// without their venues: how a region rebuilds its tiles' summaries.
    /// </summary>
    Task<IReadOnlyList<SessionSnapshot>> ActiveInRegionAsync(string regionKey, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The sessions the user hosts, by id: those that are not over at <paramref name="unfinishedAt"/>, or all when it is null.</summary>
    Task<IReadOnlyList<Guid>> HostedByAsync(Guid hostId, DateTimeOffset? unfinishedAt, CancellationToken cancellationToken = default);

    /// <summary>Moves a session's row to a new public position, and its map tile keys with it; the rest of the row stays as it is.</summary>
    Task SavePublicPositionAsync(Guid sessionId, double latitude, double longitude, CancellationToken cancellationToken = default);

    /// <summary>Sessions whose recorded status the clock has moved past (their grain must catch up).</summary>
    Task<IReadOnlyList<Guid>> DueForCatchUpAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default);
}
