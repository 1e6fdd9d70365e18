using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Contracts.Users;

/// <summary>
/// Tells the followers of a session's host, whose home area holds it, that the host is hosting (key: the session id).
/// The first batch is told before <see cref="Announce"/> answers; any others go on after it, resume after a failure, and are
/// told once.
/// </summary>
[Alias("DeepWorkMap.IHostingNewsGrain")]
public interface IHostingNewsGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Tells the first batch, and records the rest of the job durably if there is more; once it has answered, every follower
    /// is told. Announcing again tells nobody twice.
    /// </summary>
    [Alias("Announce")] Task Announce(SessionSnapshot session);
}
