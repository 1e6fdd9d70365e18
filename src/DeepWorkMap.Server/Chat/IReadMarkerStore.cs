namespace DeepWorkMap.Server.Chat;

/// <summary>
/// Each participant's read marker per session (<c>chat_read_markers</c>): the last seq they have seen, which only moves
/// forward. Only its owner's own requests read it, and only as counts (docs/api.md: nobody learns another's marker).
/// </summary>
public interface IReadMarkerStore
{
    /// <summary>Moves the user's marker in the session up to <paramref name="seq"/>; a lower seq leaves it where it is.</summary>
    Task MarkAsync(Guid userId, Guid sessionId, long seq, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// For each session, how many messages lie after the user's marker (all, without one), leaving out the user's own,
    /// deleted and hidden messages and those of <paramref name="hiddenAuthors"/> (blocks, as history leaves them out).
    /// </summary>
    Task<IReadOnlyDictionary<Guid, long>> UnreadAsync(
        Guid userId, IReadOnlyList<Guid> sessionIds, IReadOnlyCollection<Guid> hiddenAuthors, CancellationToken cancellationToken = default);
}
