using Orleans.Concurrency;

namespace DeepWorkMap.Contracts.Sessions;

/// <summary>
/// One user's places in sessions they do not host (key: user id): the unfinished sessions where they hold a seat or wait
/// for one, against <c>Sessions:ActiveJoinsPerUser</c>. Sessions take a place before they admit the user and give it back
/// when the user leaves; places whose session finished, was called off or let the user go otherwise are found stale and
/// dropped when the cap is reached.
/// </summary>
[Alias("DeepWorkMap.IJoinQuotaGrain")]
public interface IJoinQuotaGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Takes a place in each of <paramref name="sessionIds"/>, in order, while fewer than <paramref name="cap"/> are held;
    /// answers the ones the user now holds a place in (those held already included).
    /// </summary>
    [Alias("Take")] Task<IReadOnlyList<Guid>> Take(IReadOnlyList<Guid> sessionIds, int cap);

    /// <summary>The user no longer holds a place in the session.</summary>
    [OneWay, Alias("Release")] Task Release(Guid sessionId);
}
