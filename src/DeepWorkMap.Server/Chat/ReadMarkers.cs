using DeepWorkMap.Contracts.Accounts;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Grains;
using DeepWorkMap.Grains.Sessions;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Sessions;

namespace DeepWorkMap.Server.Chat;

/// <summary>Read markers and unread counts, the same way for the REST endpoints and the hub.</summary>
public sealed class ReadMarkers(SessionGrains sessions, IReadMarkerStore store, ISessionCatalog catalog, IGrainFactory grains, Clock clock)
{
    /// <summary>Unread counts are given for at most this many of the caller's sessions, the latest-starting first.</summary>
    public const int MaxSessions = 100;

    /// <summary>
    /// Moves the participant's marker up to <paramref name="seq"/>, or to the session's last message if that is lower, so
    /// a marker never runs ahead of the chat (and later messages count as unread).
    /// </summary>
    public async Task<Refusal?> MarkAsync(Guid sessionId, Guid userId, long? seq)
    {
        if (seq is not >= 0) return Refusal.Validation("seq", "seq must be a message seq, a whole number of at least 0.");
        // The newest message, as the caller may read it: this checks that they take part, and answers from the grain's memory.
        var newest = await sessions.Get(sessionId).History(userId, null, 1);
        if (newest.Error is { } error) return Refusal.ForSessionError(error);
        var last = newest.Items!.Count > 0 ? newest.Items[0].Seq : 0;
        await store.MarkAsync(userId, sessionId, Math.Min(seq.Value, last), clock.GetUtcNow());
        return null;
    }

    /// <summary>
    /// Its status by the clock: the row's status changes when the grain carries a change out (an end, a cancellation), and
    /// a start or an end passed in between is the clock's.
    /// </summary>
    private static string StatusNow(SessionHeading session, DateTimeOffset now) =>
        SessionStatuses.IsOver(session.Status) ? session.Status : SessionLifecycle.StatusAt(session.StartTime, session.EndTime, now);

    public async Task<IReadOnlyList<UnreadDto>> UnreadAsync(Guid userId, CancellationToken cancellationToken)
    {
        var mine = await catalog.SessionsOfAsync(userId, MaxSessions, cancellationToken);
        if (mine.Count == 0) return [];
        var hidden = await grains.GetGrain<IAccountGrain>(userId).Hidden();
        var unread = await store.UnreadAsync(userId, [.. mine.Select(session => session.Id)], hidden, cancellationToken);
        var now = clock.GetUtcNow();
        return mine.Select(session => new UnreadDto(session.Id, unread.GetValueOrDefault(session.Id), session.Title, session.StartTime,
            session.EndTime, StatusNow(session, now))).ToList();
    }
}
