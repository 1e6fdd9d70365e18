using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Contracts.Users;

/// <summary>
/// Tells the followers of a session's host, whose home area holds it, that the host is hosting (key: the session id).
/// The work goes on in batches after <see cref="Announce"/> answers, resumes after a failure, and is done once.
/// </summary>
[Alias("DeepWorkMap.IHostingNewsGrain")]
public interface IHostingNewsGrain : IGrainWithGuidKey
{
    /// <summary>Records the job durably and starts it; announcing again changes nothing.</summary>
    [Alias("Announce")] Task Announce(SessionSnapshot session);
}
